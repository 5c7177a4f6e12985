import { stringify } from 'csv-stringify/sync';

/** RFC 4180 (csv-stringify): fields with a comma, quote or line break quoted, quotes doubled; CRLF rows. */
export function toCsv(rows: string[][]): string {
  return stringify(rows, { record_delimiter: 'windows' });
}
