/** SRT and WebVTT with the same cues: each slide's words for the slide's time on screen. */
export interface Cue {
  start: number;
  end: number;
  text: string;
}

export function toSrt(cues: Cue[]): string {
  return cues
    .map((cue, index) => `${index + 1}\n${clock(cue.start, ',')} --> ${clock(cue.end, ',')}\n${cueText(cue.text)}\n`)
    .join('\n');
}

export function toVtt(cues: Cue[]): string {
  return `WEBVTT\n\n${cues.map((cue, index) => `${index + 1}\n${clock(cue.start, '.')} --> ${clock(cue.end, '.')}\n${cueText(cue.text)}\n`).join('\n')}`;
}

/** A blank line would end the cue, and `-->` would start a new one. */
function cueText(text: string): string {
  return text.replace(/\n{2,}/g, '\n').replace(/-->/g, '→');
}

/** HH:MM:SS,mmm (SRT) or HH:MM:SS.mmm (WebVTT). */
function clock(seconds: number, separator: ',' | '.'): string {
  const ms = Math.round(seconds * 1000);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}
