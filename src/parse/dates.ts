const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * "Mar 18, 2024", "18 March 2024" or "2024-03-18" → "2024-03-18"; anything else → undefined.
 * Parsed by hand, never through Date, so no time zone can move the day.
 */
export function calendarDateOf(text: string): string | undefined {
  const value = text.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(value);
  if (iso) return valid(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const monthFirst = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(value);
  if (monthFirst) return valid(Number(monthFirst[3]), monthIndex(monthFirst[1]!), Number(monthFirst[2]));
  const dayFirst = /^(\d{1,2}) ([A-Za-z]{3,9})\.?,? (\d{4})$/.exec(value);
  if (dayFirst) return valid(Number(dayFirst[3]), monthIndex(dayFirst[2]!), Number(dayFirst[1]));
  return undefined;
}

function monthIndex(name: string): number {
  const index = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return index === -1 ? 0 : index + 1;
}

function valid(year: number, month: number, day: number): string | undefined {
  const check = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
