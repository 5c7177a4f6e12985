import { get, type IncomingMessage } from 'node:http';

/** One server-sent event of the preview, as the gallery reads it. */
export interface PreviewEvent {
  version: number;
  building: boolean;
}

/** Reads the preview's event stream at `url` as the page does, calling back with each event; returns the closer. */
export function previewEvents(url: string, onEvent: (event: PreviewEvent) => void): () => void {
  const { hostname, port } = new URL(url);
  let stream: IncomingMessage | undefined;
  const request = get({ hostname, port, path: '/events', headers: { host: `${hostname}:${port}` } }, (response) => {
    stream = response;
    let buffered = '';
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      buffered += chunk;
      for (let end = buffered.indexOf('\n\n'); end >= 0; end = buffered.indexOf('\n\n')) {
        const data = /^data: (.*)$/m.exec(buffered.slice(0, end))?.[1];
        buffered = buffered.slice(end + 2);
        if (data) onEvent(JSON.parse(data) as PreviewEvent);
      }
    });
  });
  return () => {
    stream?.destroy();
    request.destroy();
  };
}
