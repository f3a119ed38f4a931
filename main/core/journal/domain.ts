import type { BackupInfo, incidentsMethods, Reminder } from '../../../preload/contract';
import type { CoreContext, Domain, TimelinePort } from '../context';
import { AppError } from '../shared/errors';
import { backupJournal, backupPath, listBackups, restoreLive } from './backup';
import { renderExport } from './export';
import { importExports } from './import';
import { Insights, updateDueAfter } from './insights';
import { Journal } from './journal';
import { checkPii } from './pii';
import { JournalSearch } from './search';
import { ExternalChangeWatcher } from './watcher';

export type IncidentsMethodName = keyof typeof incidentsMethods;

const minute = 60_000;
const backupEvery = 24 * 60 * minute;

export interface IncidentsDomain extends Domain<IncidentsMethodName> {
  timeline: TimelinePort;
  /** Exposed for tests and the faces: the daily backup check and the reminder scan, run now. */
  backupIfDue(): Promise<BackupInfo | null>;
  scanReminders(): Reminder[];
}

/** The incidents domain's slice of the contract, and the timeline other domains write to. */
export function createIncidentsDomain(ctx: CoreContext): IncidentsDomain {
  const changed = (ids: string[]) => ctx.bus.emit('incidents:changed', { ids });
  const journal = new Journal(ctx.db, { now: () => ctx.clock.now(), onChange: changed });
  const search = new JournalSearch(ctx.db);
  const insights = new Insights(ctx.db);
  const watcher = new ExternalChangeWatcher(ctx.db, ctx.clock, journal.incidents, changed);
  /** Which 15-minute slot of silence each P1/P2 was last nagged for, and which other reminders were shown. */
  const nagged = new Map<string, number>();
  const announced = new Set<string>();

  /**
   * Backups in progress. SQLite's backup API copies in steps across event-loop turns on the app's
   * own connection, so stop() must let them finish before the engine closes the database.
   */
  const backups = new Set<Promise<BackupInfo>>();
  function backup(): Promise<BackupInfo> {
    const job = backupJournal(ctx.db, ctx.paths.backups, ctx.clock.now());
    backups.add(job);
    const forget = () => void backups.delete(job);
    job.then(forget, forget);
    return job;
  }

  async function backupIfDue(): Promise<BackupInfo | null> {
    const newest = listBackups(ctx.paths.backups)[0];
    if (newest && ctx.clock.now() - newest.createdAt < backupEvery) return null;
    return backup();
  }

  function scanReminders(): Reminder[] {
    const now = ctx.clock.now();
    const due = insights.reminders(now);
    for (const r of due) {
      if (r.kind === 'update_due') {
        const slot = Math.floor((now - (r.dueAt - updateDueAfter)) / updateDueAfter);
        if (nagged.get(r.incidentId) === slot) continue;
        nagged.set(r.incidentId, slot);
        ctx.ports.notify({ id: `nag-${r.incidentId}-${slot}`, title: `${r.severity} ${r.title}`, body: r.message, severity: r.overdue ? 'critical' : 'warning', route: `#/incidents/${r.incidentId}` });
      } else {
        const key = `${r.kind}:${r.incidentId}:${r.overdue}`;
        if (announced.has(key)) continue;
        announced.add(key);
      }
      ctx.bus.emit('incidents:reminder', r);
    }
    return due;
  }

  let running = false;
  const cancels = new Map<string, () => void>();
  /** Repeats fn every ms on ctx.clock (a fake one in tests); an async fn is rescheduled once it settles. */
  const every = (name: string, ms: number, fn: () => unknown, firstAfter = ms) => {
    const again = () => {
      if (running) cancels.set(name, ctx.clock.setTimeout(tick, ms));
    };
    const tick = () => {
      try {
        const result = fn();
        if (result instanceof Promise) {
          result.catch((err: unknown) => console.error(`journal ${name} failed:`, err)).finally(again);
          return;
        }
      } catch (err) {
        console.error(`journal ${name} failed:`, err);
      }
      again();
    };
    cancels.set(name, ctx.clock.setTimeout(tick, firstAfter));
  };

  const timeline: TimelinePort = {
    append: (incidentId, entry) => journal.appendRaw(incidentId, entry).id,
    openIncident: (input) => journal.open(input).incident.id,
    linkAlert: (incidentId, fingerprint) => journal.linkAlert(incidentId, fingerprint),
    incidentsForAlert: (fingerprint) => journal.alerts.openIncidentsFor(fingerprint),
    attachedAlerts: () => journal.alerts.openAttached(),
  };

  return {
    timeline,
    backupIfDue,
    scanReminders,
    start() {
      running = true;
      watcher.start();
      every('reminders', minute, scanReminders);
      // First check a minute after start (not during it), then hourly; a backup is taken once the newest is a day old.
      every('backup', 60 * minute, backupIfDue, minute);
    },
    async stop() {
      running = false;
      watcher.stop();
      for (const cancel of cancels.values()) cancel();
      cancels.clear();
      // Whoever started a backup hears about its failure; here we only wait for it to settle.
      await Promise.allSettled(backups);
    },
    handlers: {
      'incidents:list': (input) => journal.incidents.list(input),
      'incidents:get': ({ id, timelineLimit }) => journal.detail(id, timelineLimit),
      'timeline:list': ({ incidentId, beforeSeq, limit }) => {
        const incident = journal.incident(incidentId);
        return { entries: journal.timeline.page(incidentId, limit, beforeSeq), total: incident.entryCount };
      },
      'incidents:open': (input) => journal.open(input),
      'incidents:set-status': ({ id, status, note }) => journal.setStatus(id, status, note),
      'incidents:set-role': ({ id, role, name }) => journal.setRole(id, role, name),
      'incidents:update': ({ id, fields }) => journal.update(id, fields),
      'timeline:append': (input) => journal.append(input),
      'incidents:pii-check': ({ text }) => ({ warnings: checkPii(text) }),
      'checklist:tick': ({ incidentId, key, done }) => journal.tick(incidentId, key, done),
      'actions:add': (input) => journal.addAction(input),
      'actions:update': (input) => journal.updateAction(input),
      'postmortem:get': ({ incidentId }) => {
        journal.require(incidentId);
        return journal.postmortems.get(incidentId);
      },
      'postmortem:save': ({ incidentId, fields }) => journal.savePostmortem(incidentId, fields),
      'incidents:search': ({ query, incidentId, limit }) => ({ hits: search.search(query, { incidentId, limit }) }),
      'incidents:export': ({ id, format }) => renderExport(format, journal.detail(id, 0), journal.timeline.all(id), { now: ctx.clock.now(), author: journal.author }),
      'incidents:import': ({ content }) => importExports(journal, content),
      'incidents:stats': ({ from, to }) => {
        const now = ctx.clock.now();
        if (from !== undefined && to !== undefined && from > to) throw new AppError('invalid_input', '"from" must not be after "to"');
        return insights.stats(now, from, to);
      },
      'incidents:reminders': () => ({ reminders: insights.reminders(ctx.clock.now()) }),
      'journal:health': () => {
        const quickCheck = String(ctx.db.pragma('quick_check', { simple: true }));
        return { quickCheck, ok: quickCheck === 'ok', backups: listBackups(ctx.paths.backups) };
      },
      'journal:backup': () => backup(),
      'journal:restore': async ({ file }) => {
        await restoreLive(ctx.paths.journal, backupPath(ctx.paths.backups, file));
        const quickCheck = String(ctx.db.pragma('quick_check', { simple: true }));
        changed([]);
        return { restoredFrom: file, quickCheck, message: `The journal now holds the content of ${file}.` };
      },
    },
  };
}
