import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { defineCommand, UsageError, writeJson } from '../command';

const usage = `Usage: oncall journal check [--json]
       oncall journal restore [BACKUP]

  check     runs SQLite's integrity_check on journal.db and lists the verified daily backups
  restore   for a journal that fails its check (the app then refuses to start): moves
            journal.db aside, kept as journal.db.damaged-<time>, and puts the newest verified
            backup in its place, or BACKUP (a file name from the check's list). Quit the app first.
`;

export const command = defineCommand({
  summary: 'check the incident journal and restore it from a backup when it is damaged',
  usage,
  subcommands: {
    check: {
      summary: 'integrity_check and the list of backups',
      usage,
      options: { json: { type: 'boolean' } },
      async run({ values, positionals }, ctx) {
        if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
        const [{ homePaths }, { checkFile, listBackups }] = await Promise.all([import('../../core/home'), import('../../core/journal/backup')]);
        const paths = homePaths(ctx.home);
        const check = existsSync(paths.journal) ? checkFile(paths.journal) : `${paths.journal} does not exist`;
        const backups = listBackups(paths.backups);
        if (values.json) writeJson(ctx, { journal: paths.journal, check, ok: check === 'ok', backups });
        else {
          ctx.stdout.write(`${paths.journal}: ${check === 'ok' ? 'ok' : `FAILED: ${check}`}\n`);
          ctx.stdout.write(backups.length ? `backups (newest first):\n${backups.map((b) => `  ${b.file}  ${(b.bytes / 1024).toFixed(0)} KiB\n`).join('')}` : `no backups in ${paths.backups}\n`);
          if (check !== 'ok' && backups.length) ctx.stdout.write('restore the newest with: oncall journal restore\n');
        }
        return check === 'ok' ? 0 : 1;
      },
    },
    restore: {
      summary: 'replace a damaged journal with a verified backup',
      usage,
      async run({ positionals }, ctx) {
        const [file, ...rest] = positionals;
        if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
        const [{ homePaths }, backup, { AppError }] = await Promise.all([import('../../core/home'), import('../../core/journal/backup'), import('../../core/shared/errors')]);
        const paths = homePaths(ctx.home);
        // A healthy journal is never replaced from here: the app may have it open. Going back to an
        // older state of a healthy journal is the app's own Restore, which works on the live file.
        if (existsSync(paths.journal)) {
          const check = backup.checkFile(paths.journal);
          if (check === 'ok') throw new AppError('conflict', `${paths.journal} passes its integrity check, so it was not replaced. To go back to a backup anyway, use Restore from backup in the app.`);
        }
        const source = file ? backup.backupPath(paths.backups, file) : backup.listBackups(paths.backups)[0]?.path;
        if (!source) throw new AppError('not_found', `there are no backups in ${paths.backups}; move ${basename(paths.journal)} away to start a new journal`);
        const { movedTo } = backup.restoreOffline(paths.journal, source, Date.now());
        ctx.stdout.write(`restored ${basename(source)} into ${paths.journal}\nthe damaged journal is kept as ${movedTo}\n`);
        return 0;
      },
    },
  },
});
