import { z } from 'zod';
import { durationField } from '../../config/fields';

/** config.yml `browser:`: how `kind: browser` targets get their browser and keep their evidence. */
export const browserConfigSchema = z
  .object({
    /** Chromium or Chrome for browser mode and the CLI; default: chromium, chromium-browser or google-chrome on PATH. The desktop app uses its own engine. */
    executable: z.string().min(1).optional(),
    /** Screenshots and console errors of failed checks are deleted after this, unless an incident links them. */
    evidenceRetention: durationField.default(7 * 86_400_000),
    /** And at most this many failed checks per target are kept. */
    evidencePerTarget: z.number().int().min(1).max(10_000).default(50),
  })
  .strict();

export type BrowserConfig = z.output<typeof browserConfigSchema>;
export const defaultBrowserConfig: BrowserConfig = { evidenceRetention: 7 * 86_400_000, evidencePerTarget: 50 };
