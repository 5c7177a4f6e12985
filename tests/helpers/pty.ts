import { type ChildProcess, spawn } from 'node:child_process';
import xterm from '@xterm/headless';

/**
 * A command run the way a person runs it: under a real pseudo-terminal (util-linux `script`),
 * `columns` wide, its output read back through a terminal emulator, so a test sees the screen
 * a person would see, not the bytes a pipe would carry.
 */
export interface PtyOptions {
  cwd: string;
  columns: number;
  /** Colour on (the default a terminal gets) or NO_COLOR set. */
  colour: boolean;
  env?: Record<string, string>;
}

export interface PtySession {
  /** Everything written to the terminal so far, escape sequences included. */
  raw(): string;
  /** Types into the terminal: "\x03" is Ctrl-C. */
  type(text: string): void;
  /** Resolves once the raw output matches. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number>;
  child: ChildProcess;
}

export function runInPty(command: string, options: PtyOptions): PtySession {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    TERM: 'xterm-256color',
    ...options.env,
  };
  delete env.CI;
  if (options.colour) delete env.NO_COLOR;
  else env.NO_COLOR = '1';
  // `script -e` exits with the command's code; the shell sizes the terminal before the command runs.
  const child = spawn('script', ['-qefc', `stty cols ${options.columns} rows 60; exec ${command}`, '/dev/null'], {
    cwd: options.cwd,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    for (const waiter of waiters) waiter();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number>((resolve) =>
    child.on('close', (code, signal) => resolve(code ?? 128 + signalNumber(signal))),
  );
  return {
    raw: () => output,
    type: (text) => child.stdin!.write(text),
    exited,
    child,
    waitFor(pattern, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = output.match(pattern);
          if (!match) return;
          cleanup();
          resolve(match);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`Expected ${pattern} on the terminal within ${timeoutMs} ms; it shows:\n${output}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
  };
}

/** Runs a command to its end: its exit code, the raw output and the final screen. */
export async function runToEnd(
  command: string,
  options: PtyOptions,
): Promise<{ code: number; raw: string; screen: string[] }> {
  const session = runInPty(command, options);
  const code = await session.exited;
  session.child.stdin!.end();
  return { code, raw: session.raw(), screen: await screenOf(session.raw(), options.columns) };
}

/**
 * The screen a terminal `columns` wide shows after this output: its lines, with a line the
 * terminal wrapped joined back to the one it continues (so a long message reads as one).
 */
export async function screenOf(raw: string, columns: number): Promise<string[]> {
  const terminal = new xterm.Terminal({ cols: columns, rows: 60, scrollback: 5000, allowProposedApi: true });
  await new Promise<void>((resolve) => terminal.write(raw.replace(/\r?\n/g, '\r\n'), resolve));
  const buffer = terminal.buffer.active;
  const lines: string[] = [];
  for (let row = 0; row < buffer.length; row++) {
    const line = buffer.getLine(row);
    if (!line) continue;
    const text = line.translateToString(true);
    if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
    else lines.push(text);
  }
  terminal.dispose();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Each state the progress line was drawn in (the text between carriage returns, escape
 * sequences removed), for checking every count the bar showed, not only the last.
 */
export function progressFrames(raw: string): string[] {
  return raw
    .split('\r')
    .map((frame) => stripAnsi(frame))
    .filter((frame) => /^ {2}(?:▕[^▏]*▏ )?\d+\/\d+ cards/.test(frame));
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- escape sequences are what is removed
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

function signalNumber(signal: NodeJS.Signals | null): number {
  return signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : signal === 'SIGKILL' ? 9 : 0;
}
