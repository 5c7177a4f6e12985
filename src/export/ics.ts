import type { Slot } from './schedule.ts';

/** Text values escaped as RFC 5545 asks: backslash, semicolon, comma, newline. */
function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Content lines longer than 75 octets are folded, never inside a UTF-8 sequence. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (Buffer.byteLength(current + char) > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
    }
    current += char;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/**
 * A content calendar: one event per post at its scheduled time, the caption as description.
 * DTSTAMP is the post's own time, so the same schedule gives the same file.
 */
export function toIcs(slots: Slot[], label: (slot: Slot) => string): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//facet//content calendar//EN', 'CALSCALE:GREGORIAN', 'X-WR-CALNAME:facet campaign'];
  for (const slot of slots) {
    const text = slot.post.thread ? slot.post.thread.join('\n\n') : (slot.post.caption ?? `Story link sticker: ${slot.post.sticker ?? ''}`);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${slot.article.slug}-${slot.post.channel}-${slot.index + 1}@facet`,
      `DTSTAMP:${stamp(slot.at)}`,
      `DTSTART:${stamp(slot.at)}`,
      'DURATION:PT15M',
      `SUMMARY:${escapeText(label(slot))}`,
      `DESCRIPTION:${escapeText(text)}`,
      ...(slot.post.link ? [`URL:${slot.post.link}`] : []),
      `CATEGORIES:${escapeText(slot.post.channel)}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}
