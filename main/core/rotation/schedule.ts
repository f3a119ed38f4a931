import type { LayerOnCall, Shift } from '../../../preload/contract/rotation';
import type { RotationConfig, RotationLayer } from './config';
import { addDays, daysBetween, localDate, parseLocalDate, parseTimeOfDay, zonedInstant } from './zoned';


/** The layer's own turn order around `at`: the shift containing it and the ones that follow, up to `until`. */
export function layerShifts(layer: RotationLayer, timeZone: string, at: number, until: number): Shift[] {
  const startDate = parseLocalDate(layer.start)!;
  const minutes = parseTimeOfDay(layer.at)!;
  const period = layer.handoff === 'daily' ? 1 : 7;
  const boundary = (k: number) => zonedInstant(addDays(startDate, k * period), minutes, timeZone);
  // The turn containing `at`, from the calendar days between the start and then (DST-safe), nudged at the edges.
  let k = Math.floor(daysBetween(startDate, localDate(at, timeZone)) / period);
  while (boundary(k) > at) k--;
  while (boundary(k + 1) <= at) k++;
  const shifts: Shift[] = [];
  for (; boundary(k) < until; k++) {
    const n = layer.members.length;
    shifts.push({ layer: layer.name, member: layer.members[((k % n) + n) % n]!, start: boundary(k), end: boundary(k + 1), source: 'rotation' });
  }
  return shifts;
}

/** "2026-12-24 18:00" in the rotation's zone, or an ISO instant. */
export function parseOverrideTime(text: string, timeZone: string): number {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})$/.exec(text);
  if (m) return zonedInstant(parseLocalDate(m[1]!)!, parseTimeOfDay(m[2]!)!, timeZone);
  return Date.parse(text);
}

/** Lays overrides over a layer's shifts: the overridden stretch is cut out of whatever was there. */
export function applyOverrides(shifts: Shift[], overrides: Shift[]): Shift[] {
  let out = shifts;
  for (const o of overrides) {
    const cut: Shift[] = [];
    for (const s of out) {
      if (s.end <= o.start || s.start >= o.end) cut.push(s);
      else {
        if (s.start < o.start) cut.push({ ...s, end: o.start });
        if (s.end > o.end) cut.push({ ...s, start: o.end });
      }
    }
    cut.push(o);
    out = cut;
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Who is on call now in one layer, and who comes next. */
export function onCallIn(layer: string, shifts: Shift[], at: number): LayerOnCall {
  const sorted = [...shifts].sort((a, b) => a.start - b.start);
  const now = sorted.filter((s) => s.start <= at && at < s.end);
  const current = new Set(now.map((s) => s.member));
  const next = sorted.find((s) => s.start > at && !current.has(s.member)) ?? null;
  return { layer, now, next };
}

/** How far ahead "next" is looked for: long enough for a weekly rotation's next turn and a holiday override. */
const horizonMs = 35 * 86_400_000;

/** Every layer written in config.yml, overrides applied. Feeds are added by the caller (they need I/O). */
export function configuredShifts(rotation: RotationConfig, timeZone: string, at: number): Map<string, Shift[]> {
  const until = at + horizonMs;
  const byLayer = new Map<string, Shift[]>();
  for (const layer of rotation.layers) byLayer.set(layer.name, layerShifts(layer, timeZone, at, until));
  const firstLayer = rotation.layers[0]?.name;
  for (const o of rotation.overrides) {
    const name = o.layer ?? firstLayer;
    if (name === undefined) continue;
    const shift: Shift = { layer: name, member: o.member, start: parseOverrideTime(o.from, timeZone), end: parseOverrideTime(o.to, timeZone), source: 'override' };
    if (shift.end <= at) continue;
    byLayer.set(name, applyOverrides(byLayer.get(name) ?? [], [shift]));
  }
  return byLayer;
}

export { horizonMs };
