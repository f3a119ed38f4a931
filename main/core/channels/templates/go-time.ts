import type { GoStruct, GoValue } from '../../rules/template';
import { goInt } from '../../rules/template';

/**
 * Go's time.Time as Alertmanager's templates see `.StartsAt` / `.EndsAt`: printed with
 * Time.String() ("2026-12-03 20:00:00.5 +0000 UTC"), and `.Format`, `.Unix`, `.UnixMilli`,
 * `.IsZero`, `.UTC` as methods. Kept to the nanosecond and the offset as written in RFC 3339.
 */
interface Instant {
  /** ms since the epoch, UTC. */
  ms: number;
  /** Sub-millisecond nanoseconds (0..999999). */
  subNanos: number;
  offsetMin: number;
  /** Zone name Go would print: "UTC" for Z, else the numeric offset (as for a zone without a name). */
  zone: string;
}

const rfc3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:\d{2})$/;

export function parseInstant(text: string): Instant {
  const m = rfc3339.exec(text);
  if (!m) return { ms: 0, subNanos: 0, offsetMin: 0, zone: 'UTC' };
  const frac = (m[7] ?? '').padEnd(9, '0');
  const offsetMin = m[8] === 'Z' || m[8] === 'z' ? 0 : (m[8]?.startsWith('-') ? -1 : 1) * (Number(m[8]?.slice(1, 3)) * 60 + Number(m[8]?.slice(4, 6)));
  // Date.UTC reads years below 100 as 19xx; Go's zero time is year 1.
  const d = new Date(Date.UTC(2000, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]), Number(frac.slice(0, 3))));
  d.setUTCFullYear(Number(m[1]));
  const utc = d.getTime() - offsetMin * 60_000;
  return { ms: utc, subNanos: Number(frac.slice(3)), offsetMin, zone: offsetMin === 0 && /[Zz]$/.test(text) ? 'UTC' : offsetText(offsetMin, false) };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
function offsetText(min: number, colon: boolean): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** The wall clock in the instant's own offset. */
function wall(t: Instant) {
  const d = new Date(t.ms + t.offsetMin * 60_000);
  const nanos = d.getUTCMilliseconds() * 1_000_000 + t.subNanos;
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), nanos, wd: d.getUTCDay() };
}

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// Go's layout elements, longest first so "January" wins over "Jan" and "2006" over "2".
const tokens = ['January', 'Monday', '2006', '-07:00', '-0700', 'Z07:00', 'Z0700', '.000000000', '.999999999', '.000000', '.999999', '.000', '.999', 'Jan', 'Mon', 'MST', '002', '01', '02', '_2', '03', '04', '05', '06', '15', 'PM', 'pm', '-07', '1', '2', '3', '4', '5'];

/** time.Time.Format with Go's reference layout (Mon Jan 2 15:04:05 MST 2006). */
export function formatGoTime(t: Instant, layout: string): string {
  const w = wall(t);
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const tok = tokens.find((k) => layout.startsWith(k, i));
    if (!tok) {
      out += layout[i];
      i++;
      continue;
    }
    i += tok.length;
    const h12 = w.h % 12 === 0 ? 12 : w.h % 12;
    const frac = pad(w.nanos, 9);
    switch (tok) {
      case 'January': out += months[w.mo - 1]; break;
      case 'Jan': out += months[w.mo - 1]?.slice(0, 3); break;
      case 'Monday': out += days[w.wd]; break;
      case 'Mon': out += days[w.wd]?.slice(0, 3); break;
      case '2006': out += pad(w.y, 4); break;
      case '06': out += pad(w.y % 100); break;
      case '01': out += pad(w.mo); break;
      case '1': out += String(w.mo); break;
      case '02': out += pad(w.d); break;
      case '_2': out += String(w.d).padStart(2, ' '); break;
      case '2': out += String(w.d); break;
      case '002': out += pad(dayOfYear(w.y, w.mo, w.d), 3); break;
      case '15': out += pad(w.h); break;
      case '03': out += pad(h12); break;
      case '3': out += String(h12); break;
      case '04': out += pad(w.mi); break;
      case '4': out += String(w.mi); break;
      case '05': out += pad(w.s); break;
      case '5': out += String(w.s); break;
      case 'PM': out += w.h >= 12 ? 'PM' : 'AM'; break;
      case 'pm': out += w.h >= 12 ? 'pm' : 'am'; break;
      case 'MST': out += t.zone; break;
      case '-07:00': out += offsetText(t.offsetMin, true); break;
      case '-0700': out += offsetText(t.offsetMin, false); break;
      case '-07': out += offsetText(t.offsetMin, false).slice(0, 3); break;
      case 'Z07:00': out += t.offsetMin === 0 ? 'Z' : offsetText(t.offsetMin, true); break;
      case 'Z0700': out += t.offsetMin === 0 ? 'Z' : offsetText(t.offsetMin, false); break;
      default: {
        // Fractional seconds: ".000" keeps zeros, ".999" trims them (and the dot when nothing is left).
        const digits = frac.slice(0, tok.length - 1);
        if (tok[1] === '0') out += `.${digits}`;
        else {
          const trimmed = digits.replace(/0+$/, '');
          if (trimmed) out += `.${trimmed}`;
        }
      }
    }
  }
  return out;
}

function dayOfYear(y: number, mo: number, d: number): number {
  return Math.round((Date.UTC(y, mo - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000) + 1;
}

export function goTime(text: string): GoStruct {
  const t = parseInstant(text);
  const self: GoStruct = {
    kind: 'struct',
    type: 'time.Time',
    fields: {},
    methods: {
      String: { arity: 0, call: () => formatGoTime(t, '2006-01-02 15:04:05.999999999 -0700 MST') },
      Format: { arity: 1, call: ([layout]: GoValue[]) => formatGoTime(t, typeof layout === 'string' ? layout : '') },
      Unix: { arity: 0, call: () => goInt(Math.floor(t.ms / 1000)) },
      UnixMilli: { arity: 0, call: () => goInt(t.ms) },
      // Go's zero time is year 1; Alertmanager writes it for a firing alert's EndsAt.
      IsZero: { arity: 0, call: () => text.startsWith('0001-01-01T00:00:00') },
      UTC: { arity: 0, call: () => goTime(new Date(t.ms).toISOString().replace('Z', `${pad(t.subNanos, 6)}Z`.replace(/^0+Z$/, 'Z'))) },
    },
  };
  return self;
}
