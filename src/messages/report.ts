import type { VFile } from 'vfile';
import type { Message, Position, Severity } from '../model.ts';

const SOURCE = 'facet';

/**
 * Records a problem on the article's file, the vfile way: positioned, with a stable rule id.
 * An error marks the article failed; a warning only informs.
 */
export function report(
  file: VFile,
  severity: Severity,
  ruleId: string,
  reason: string,
  place: Position | undefined,
  hint?: string,
): void {
  const message = file.message(reason, { place, ruleId, source: SOURCE });
  message.fatal = severity === 'error' ? true : false;
  if (hint) message.note = hint;
}

/** A problem in another file that belongs to the article (its overrides sidecar): reported with the article, at that file's place. */
export function reportIn(
  file: VFile,
  path: string,
  severity: Severity,
  ruleId: string,
  reason: string,
  place: Position | undefined,
  hint?: string,
): void {
  report(file, severity, ruleId, reason, place, hint);
  file.messages.at(-1)!.file = path;
}

export function hasErrors(file: VFile): boolean {
  return file.messages.some((message) => message.fatal === true);
}

/** The manifest's shape of a file's messages, in source order so reports are stable. */
export function messagesOf(file: VFile, path: string): Message[] {
  return file.messages
    .map((message) => ({
      file: message.file || path,
      line: message.line ?? 1,
      column: message.column ?? 1,
      ruleId: message.ruleId ?? 'unknown',
      severity: (message.fatal ? 'error' : 'warning') as Severity,
      reason: message.reason,
      ...(message.note ? { hint: message.note } : {}),
    }))
    .sort(
      (a, b) =>
        a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
    );
}

/** `file:line:column: severity reason [rule]`, then the hint: what editors and CI logs link. */
export function formatMessage(message: Message): string {
  const head = `${message.file}:${message.line}:${message.column}: ${message.severity} ${message.reason} [${message.ruleId}]`;
  return message.hint ? `${head}\n  hint: ${message.hint}` : head;
}
