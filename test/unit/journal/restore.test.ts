import { readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openStandaloneJournal } from '../../../main/core/journal/standalone';
import { journalHarness, type Harness } from './harness';

describe('incident journal: backup and live restore', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('a backup is one self-contained file, and restoring it while the app runs rolls the journal back for every connection', async () => {
    h = journalHarness();
    const H = h.domain.handlers;
    const id = (await H['incidents:open']({ title: 'Restore me', severity: 'P3', category: 'general' })).incident.id;
    await H['timeline:append']({ kind: 'note', incidentId: id, text: 'before the backup' });
    const backup = await H['journal:backup'](undefined);
    // Checking the copy (read-only) must not leave -wal/-shm files behind in backups/.
    expect(readdirSync(h.ctx.paths.backups)).toEqual([backup.file]);
    await H['timeline:append']({ kind: 'note', incidentId: id, text: 'after the backup' });

    // Another process (the CLI) has the journal open during the restore.
    const other = openStandaloneJournal(h.ctx.paths.home);
    try {
      expect(other.journal.timeline.all(id).map((e) => e.text)).toContain('after the backup');
      const restored = await H['journal:restore']({ file: backup.file });
      expect(restored).toMatchObject({ restoredFrom: backup.file, quickCheck: 'ok' });
      const texts = (db: typeof h.ctx.db) => db.prepare<[string], { text: string }>("SELECT text FROM timeline WHERE incident_id = ? AND kind = 'note' ORDER BY seq").pluck().all(id);
      expect(texts(h.ctx.db)).toEqual(['before the backup']);
      expect(texts(other.journal.db)).toEqual(['before the backup']);
      // The live journal stays in WAL mode, so the app and the CLI can keep writing at once.
      expect(h.ctx.db.pragma('journal_mode', { simple: true })).toBe('wal');
      other.journal.append({ kind: 'note', incidentId: id, text: 'from the CLI after the restore' });
      await H['timeline:append']({ kind: 'note', incidentId: id, text: 'from the app after the restore' });
      expect(texts(h.ctx.db)).toEqual(['before the backup', 'from the CLI after the restore', 'from the app after the restore']);
      expect(h.ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      other.close();
    }
  });
});
