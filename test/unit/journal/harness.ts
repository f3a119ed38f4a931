import { join } from 'node:path';
import type { CoreContext } from '../../../main/core/context';
import { homePaths } from '../../../main/core/home';
import { closeJournal, openJournal } from '../../../main/core/journal';
import { createIncidentsDomain, type IncidentsDomain } from '../../../main/core/journal/domain';
import { EventBus } from '../../../main/core/shared/event-bus';
import type { EventMap, NotificationPayload } from '../../../preload/contract';
import { FakeClock } from '../../support/fake-clock';
import { tempHome } from '../../support/temp-home';

export interface Harness {
  ctx: CoreContext;
  domain: IncidentsDomain;
  clock: FakeClock;
  events: { name: keyof EventMap; payload: unknown }[];
  notifications: NotificationPayload[];
  close(): void;
}

/** The incidents domain on a real journal.db in a temp home, with a fake clock and a recording bus. */
export function journalHarness(options: { file?: string } = {}): Harness {
  const { home, cleanup } = tempHome('oncall-journal-');
  const paths = homePaths(home);
  const db = openJournal(options.file ?? join(home, 'journal.db'));
  const clock = new FakeClock();
  const bus = new EventBus();
  const events: Harness['events'] = [];
  bus.onAny((name, payload) => events.push({ name, payload }));
  const notifications: NotificationPayload[] = [];
  // Only what the journal uses is real; the rest of the context belongs to other domains.
  const ctx = {
    paths,
    resourcesDir: home,
    db,
    bus,
    clock,
    ports: { face: 'web', notify: (n: NotificationPayload) => notifications.push(n), openExternal: () => Promise.resolve() },
  } as unknown as CoreContext;
  const domain = createIncidentsDomain(ctx);
  return {
    ctx,
    domain,
    clock,
    events,
    notifications,
    close() {
      void domain.stop?.();
      closeJournal(db);
      cleanup();
    },
  };
}
