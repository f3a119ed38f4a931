import { userInfo } from 'node:os';
import type { RotationConfig } from './config';
import { feedShifts } from './ical';
import type { Shift, WhoReport } from '../../../preload/contract/rotation';
import { configuredShifts, horizonMs, onCallIn } from './schedule';
import { loadFeed, type FeedDeps } from './feeds';
import { machineTimeZone } from './zoned';

export function defaultMe(rotation: RotationConfig, env: NodeJS.ProcessEnv = process.env): string {
  if (rotation.me) return rotation.me;
  if (env.ONCALL_AUTHOR) return env.ONCALL_AUTHOR;
  try {
    return userInfo().username;
  } catch {
    return env.USER ?? env.USERNAME ?? 'unknown';
  }
}

/** Compares people's names the way a team writes them in several tools: case and surrounding space ignored. */
export function sameMember(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Who is on call now and next in every layer and feed, and whether this console's user is. */
export async function whoIsOnCall(rotation: RotationConfig, at: number, deps: FeedDeps): Promise<WhoReport> {
  const timeZone = rotation.timezone ?? machineTimeZone();
  const byLayer = configuredShifts(rotation, timeZone, at);
  const problems: string[] = [];
  for (const feed of rotation.feeds) {
    try {
      const loaded = await loadFeed(feed, deps);
      if (loaded.stale) problems.push(loaded.stale);
      byLayer.set(feed.name, feedShifts(loaded.text, feed.name, feed.memberFrom, at - 86_400_000, at + horizonMs));
    } catch (err) {
      problems.push((err as Error).message);
      byLayer.set(feed.name, []);
    }
  }
  const layers = [...byLayer.entries()].map(([name, shifts]: [string, Shift[]]) => onCallIn(name, shifts, at));
  const me = defaultMe(rotation);
  const meOnCall = layers.some((l) => l.now.some((s) => sameMember(s.member, me)));
  return { at, timeZone, me, meOnCall, layers, problems };
}

/**
 * Whether a desktop notification of this priority reaches a user who is off call. Without a
 * rotation every console notifies as before.
 */
export function notifiesOffCall(rotation: RotationConfig | undefined, meOnCall: boolean, priority: string): boolean {
  if (!rotation || meOnCall) return true;
  return rotation.offCall.notify.includes(priority as 'P1');
}
