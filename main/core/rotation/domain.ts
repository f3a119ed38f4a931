import { dirname, join } from 'node:path';
import type { WhoReport } from '../../../preload/contract/rotation';
import type { CoreContext, Domain } from '../context';
import { osAuthor } from '../journal/model';
import { HandoffStore, handoffWindow } from './handoffs';
import { notifiesOffCall, whoIsOnCall } from './who';

/** Who is on call is worked out again this often, so a handoff shows within a minute. */
const refreshMs = 60_000;

/**
 * The rotation as the running app sees it: recomputed every minute and when config.yml changes,
 * announced when it changes, and asked by the alerts domain whether a desktop notification
 * reaches a user who is off call.
 */
export function createRotationDomain(ctx: CoreContext): Domain<'rotation:who' | 'handoff:draft' | 'handoff:send' | 'handoff:receive' | 'handoff:list'> & { notifies(priority: string): boolean } {
  let report: WhoReport | null = null;
  let cancelTimer: (() => void) | null = null;
  let stopConfig: (() => void) | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  const handoffs = new HandoffStore(ctx.db);
  const draft = async (asked: { since?: number; until?: number } = {}) => {
    await refreshNow();
    return handoffs.draft(handoffWindow(ctx.config.current().rotation, report, ctx.clock.now(), asked));
  };

  async function refresh(): Promise<void> {
    const rotation = ctx.config.current().rotation;
    const next = rotation && (rotation.layers.length || rotation.feeds.length) ? await whoIsOnCall(rotation, ctx.clock.now(), { now: () => ctx.clock.now(), cacheDir: join(ctx.paths.home, 'rotation-feeds'), configDir: dirname(ctx.paths.config) }) : null;
    if (summary(next) !== summary(report)) ctx.bus.emit('rotation:changed', next);
    report = next;
  }

  function refreshNow(): Promise<void> {
    running ??= refresh()
      .catch((err: unknown) => console.error('rotation: could not work out who is on call:', err))
      .finally(() => (running = null));
    return running;
  }

  function schedule(): void {
    if (stopped) return;
    cancelTimer = ctx.clock.setTimeout(() => void refreshNow().then(schedule), refreshMs);
  }

  return {
    handlers: {
      'rotation:who': async () => {
        await refreshNow();
        return report;
      },
      'handoff:draft': (input) => draft(input),
      'handoff:send': async ({ notes, ...asked }) => {
        const sent = handoffs.send(await draft(asked), notes, ctx.clock.now());
        ctx.bus.emit('handoff:changed', sent);
        return sent;
      },
      'handoff:receive': ({ id }) => {
        const received = handoffs.receive(id, report?.me ?? osAuthor(), ctx.clock.now());
        ctx.bus.emit('handoff:changed', received);
        return received;
      },
      'handoff:list': (input) => handoffs.list(input?.limit),
    },
    notifies: (priority) => notifiesOffCall(ctx.config.current().rotation, report?.meOnCall ?? true, priority),
    async start() {
      stopConfig = ctx.config.onChange(() => void refreshNow());
      await refreshNow();
      schedule();
    },
    stop() {
      stopped = true;
      cancelTimer?.();
      stopConfig?.();
    },
  };
}

/** What the UI shows; `at` moves every minute and must not count as a change. */
function summary(r: WhoReport | null): string {
  return r === null ? 'null' : JSON.stringify({ ...r, at: 0 });
}
