import { calendarDateOf } from '../parse/dates.ts';

const PREFIX = new RegExp(
  String.raw`^(?:(?:posted|published|updated|last updated|date|written)(?: on)?\s*:?\s*)?` +
    String.raw`(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`,
  'i',
);
// What pages print beside a date: "· 5 min read", "| Ketamine", "by Anthony Kaveh MD".
const SUFFIX = /\s*(?:[|·•–—-]\s*.{0,60}|\s+by\s+.{2,60})$/i;

/**
 * The calendar date a line of a page states, in any common form ("Mar 18, 2024",
 * "Monday, March 18th, 2024", "Posted on 18 March 2024", "3/18/2024", "2024/03/18"), when
 * the line is nothing but that date and what pages print beside one.
 */
export function dateOfLine(line: string): string | undefined {
  const text = line.trim();
  if (text.length > 100) return undefined;
  const bare = text.replace(PREFIX, '');
  const parts = text.split(SEPARATOR).map((part) => part.replace(PREFIX, ''));
  return dateOf(bare) ?? dateOf(bare.replace(SUFFIX, '')) ?? parts.map(dateOf).find(Boolean);
}

/** Where pages join a date to a byline or a category: "By Anthony Kaveh MD | March 3, 2024". */
const SEPARATOR = /\s+[|·•–—]\s+/;

function dateOf(text: string): string | undefined {
  const value = text
    .trim()
    .replace(/(\d)(?:st|nd|rd|th)\b/gi, '$1')
    .replace(/\s+/g, ' ');
  const direct = calendarDateOf(value);
  if (direct) return direct;
  const slashed = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(value);
  if (slashed) return calendarDateOf(`${slashed[1]}-${pad(slashed[2]!)}-${pad(slashed[3]!)}`);
  // US pages write month/day/year; a day above 12 in first place means day/month/year.
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (numeric) {
    const [first, second] = [Number(numeric[1]), Number(numeric[2])];
    const [month, day] = first > 12 || value.includes('.') ? [second, first] : [first, second];
    return calendarDateOf(`${numeric[3]}-${pad(String(month))}-${pad(String(day))}`);
  }
  return undefined;
}

function pad(value: string): string {
  return value.padStart(2, '0');
}
