// The campaign calendar: every scheduled post, week by week, as `export` would schedule it.
// Each day lists its posts with time, channel, kind, article and the caption's first line.

const DAY = 86_400_000;
const APPROVAL = { approved: '✓ approved', changed: 'changed', unapproved: 'not approved' };
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function dayOf(date) {
  return Date.parse(`${date}T00:00:00Z`);
}

function isoOf(time) {
  return new Date(time).toISOString().slice(0, 10);
}

/** Monday on or before `date`. */
function mondayOf(date) {
  const time = dayOf(date);
  return time - ((new Date(time).getUTCDay() + 6) % 7) * DAY;
}

export async function loadCalendar() {
  const response = await fetch('/api/calendar', { cache: 'no-store' });
  return response.json();
}

export function calendarView(h, calendar, labels) {
  if (calendar.error) return h('p', { class: 'message error' }, calendar.error);
  if (calendar.entries.length === 0) return h('p', { class: 'empty' }, 'Nothing to schedule yet.');
  const byDate = new Map();
  for (const entry of calendar.entries) byDate.set(entry.date, [...(byDate.get(entry.date) ?? []), entry]);
  const first = mondayOf(calendar.entries[0].date);
  const last = dayOf(calendar.entries.at(-1).date);
  const weeks = [];
  for (let monday = first; monday <= last; monday += 7 * DAY) {
    weeks.push(
      h(
        'div',
        { class: 'cal-week' },
        WEEKDAYS.map((_, offset) => {
          const date = isoOf(monday + offset * DAY);
          const entries = byDate.get(date) ?? [];
          return h(
            'div',
            { class: `cal-day ${entries.length ? '' : 'idle'}`, 'data-date': date },
            h('div', { class: 'cal-date' }, date.slice(5)),
            entries.map((entry) =>
              h(
                'div',
                {
                  class: `cal-slot channel--${entry.channel} ${entry.drip ? 'drip' : 'launch'}`,
                  'data-channel': entry.channel,
                  'data-slug': entry.slug,
                  'data-post': entry.post,
                  'data-approval': entry.approval,
                  ...(entry.drip ? { 'data-drip': entry.drip } : {}),
                  title: `${entry.title} · ${entry.kind}${entry.drip ? ` · drip week ${entry.drip}` : ''}`,
                },
                h('span', { class: 'cal-time' }, entry.time),
                ' ',
                h('strong', {}, labels[entry.channel]?.label ?? entry.channel),
                ' ',
                h('span', { class: 'cal-kind' }, entry.drip ? `${entry.kind} · week ${entry.drip}` : entry.kind),
                ' ',
                h('span', { class: `approval ${entry.approval}` }, APPROVAL[entry.approval]),
                h('div', { class: 'cal-opening' }, entry.opening),
              ),
            ),
          );
        }),
      ),
    );
  }
  return h(
    'section',
    { class: 'calendar', 'aria-label': 'Campaign calendar' },
    h(
      'div',
      { class: 'cal-head' },
      h('h1', {}, 'Campaign calendar'),
      h(
        'span',
        { class: 'muted' },
        `${calendar.entries.length} posts from ${calendar.start}, times in ${calendar.timezone}`,
      ),
    ),
    h(
      'div',
      { class: 'cal-week cal-weekdays' },
      WEEKDAYS.map((day) => h('div', { class: 'cal-weekday' }, day)),
    ),
    weeks,
  );
}
