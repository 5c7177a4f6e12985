import ICAL from 'ical.js';
import type { Slot } from './schedule.ts';

const EVENT_MINUTES = 15;

/**
 * A content calendar (written by ical.js, escaped as RFC 5545 asks): one event per post at
 * its scheduled time, the caption as description. DTSTAMP is the post's own time, so the
 * same schedule gives the same file.
 */
export function toIcs(slots: Slot[], label: (slot: Slot) => string): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.addPropertyWithValue('version', '2.0');
  calendar.addPropertyWithValue('prodid', '-//facet//content calendar//EN');
  calendar.addPropertyWithValue('calscale', 'GREGORIAN');
  calendar.addPropertyWithValue('x-wr-calname', 'facet campaign');
  for (const slot of slots) calendar.addSubcomponent(eventOf(slot, label(slot)));
  // ical.js folds at 75 characters; RFC 5545 (3.1) counts octets, which a caption's emoji exceed.
  const unfolded = calendar
    .toString()
    .replace(/\r?\n /g, '')
    .split(/\r?\n/);
  return `${unfolded.map(foldOctets).join('\r\n')}\r\n`;
}

/** Lines longer than 75 octets are folded, never inside a character. */
function foldOctets(line: string): string {
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

function eventOf(slot: Slot, summary: string): ICAL.Component {
  const event = new ICAL.Component('vevent');
  const at = ICAL.Time.fromJSDate(slot.at, true);
  event.addPropertyWithValue('uid', `${slot.article.slug}-${slot.post.channel}-${slot.index + 1}@facet`);
  event.addPropertyWithValue('dtstamp', at);
  event.addPropertyWithValue('dtstart', at);
  event.addPropertyWithValue('duration', ICAL.Duration.fromSeconds(EVENT_MINUTES * 60));
  event.addPropertyWithValue('summary', summary);
  event.addPropertyWithValue(
    'description',
    slot.post.thread
      ? slot.post.thread.join('\n\n')
      : (slot.post.caption ?? `Story link sticker: ${slot.post.sticker ?? ''}`),
  );
  if (slot.post.link) event.addPropertyWithValue('url', slot.post.link);
  event.addPropertyWithValue('categories', slot.post.channel);
  return event;
}
