import ical from 'node-ical';
import type { Shift } from '../../../preload/contract/rotation';

type Attendee = string | { val: string; params?: { CN?: string } };

/** The member an event names: the attendee's CN (else e-mail local part), or the summary. */
function memberOf(event: { summary?: unknown; attendee?: Attendee | Attendee[] }, from: 'auto' | 'attendee' | 'summary'): string | null {
  const summary = typeof event.summary === 'string' ? event.summary : ((event.summary as { val?: string } | undefined)?.val ?? '');
  const first = Array.isArray(event.attendee) ? event.attendee[0] : event.attendee;
  let attendee: string | null = null;
  if (first !== undefined) {
    const cn = typeof first === 'string' ? undefined : first.params?.CN;
    const address = (typeof first === 'string' ? first : first.val).replace(/^mailto:/i, '');
    attendee = cn ?? address.split('@')[0] ?? null;
  }
  if (from === 'attendee') return attendee;
  if (from === 'summary') return summary.trim() || null;
  return attendee ?? (summary.trim() || null);
}

/** node-ical reads almost anything without complaint; an answer that is no calendar at all (a login page) is refused. */
export function assertCalendar(text: string): void {
  if (!/^\s*BEGIN:VCALENDAR/m.test(text) || !/END:VCALENDAR/.test(text)) throw new Error('not an iCalendar file (no BEGIN:VCALENDAR … END:VCALENDAR)');
}

/**
 * The on-call shifts an iCalendar feed holds between `from` and `to`: one VEVENT per shift (how
 * PagerDuty, Opsgenie and Grafana OnCall export schedules), recurring events expanded, EXDATEs and
 * RECURRENCE-ID overrides honoured by node-ical. Throws with the parser's message on a broken feed.
 */
export function feedShifts(text: string, layer: string, memberFrom: 'auto' | 'attendee' | 'summary', from: number, to: number): Shift[] {
  assertCalendar(text);
  const calendar = ical.sync.parseICS(text);
  const shifts: Shift[] = [];
  for (const component of Object.values(calendar)) {
    if (!component || component.type !== 'VEVENT') continue;
    const instances = ical.expandRecurringEvent(component, { from: new Date(from), to: new Date(to), expandOngoing: true });
    for (const instance of instances) {
      const member = memberOf(instance.event, memberFrom);
      const start = instance.start.getTime();
      const end = instance.end.getTime();
      if (member && end > from && start < to) shifts.push({ layer, member, start, end, source: 'feed' });
    }
  }
  return shifts.sort((a, b) => a.start - b.start);
}
