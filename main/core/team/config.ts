import { z } from 'zod';

const sslModes = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;

/** postgres://role@host:port/db?sslmode=verify-full — the password never in the file. */
const databaseField = z.string().superRefine((text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'use a PostgreSQL URL such as postgres://alice@db.example.com:5432/oncall?sslmode=verify-full' });
    return;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') ctx.addIssue({ code: 'custom', message: `use a postgres:// URL, not ${url.protocol}//` });
  if (url.password) ctx.addIssue({ code: 'custom', message: 'the password must not be in config.yml: put it in the keychain (Settings) or ONCALL_TEAM_PASSWORD' });
  if (!url.username) ctx.addIssue({ code: 'custom', message: 'name your PostgreSQL role in the URL (postgres://ROLE@host/db): each member connects as their own role' });
  const mode = url.searchParams.get('sslmode');
  if (mode !== null && !(sslModes as readonly string[]).includes(mode)) ctx.addIssue({ code: 'custom', message: `sslmode must be one of ${sslModes.join(', ')}` });
});

export const teamSchema = z
  .object({
    database: databaseField,
    /** The team's name: one database may hold several teams' journals. */
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'use letters, digits, "-", "_" or "." (max 64)'),
    /** This console's member name; default: the OS user name. */
    member: z.string().min(1).max(100).optional(),
    /** How often to pull when LISTEN/NOTIFY is unavailable, and the longest a change waits otherwise (seconds). */
    pollSeconds: z.number().int().min(1).max(3600).default(10),
  })
  .strict();

export type TeamConfig = z.output<typeof teamSchema>;

export const teamConfigSchema = {
  /** Absent: the journal is this laptop's alone, as before. */
  team: teamSchema.optional(),
};
