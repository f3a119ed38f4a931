import { z } from 'zod';
import { defineConfigSection, type ConfigSectionOutput } from '../config';

/**
 * `desktop:` in config.yml: what only the Electron app does with it. Browser mode and the CLI parse
 * and ignore it, so one config.yml serves every face.
 */
export const desktopConfigSchema = {
  desktop: z
    .object({
      /** Electron accelerator syntax (`CommandOrControl+Alt+N`); an empty string turns the shortcut off. */
      quickNoteShortcut: z
        .string()
        .max(100)
        .regex(/^$|^[A-Za-z0-9]+(\+[A-Za-z0-9=\-[\];',./`\\]+)*$/, 'an Electron accelerator such as CommandOrControl+Alt+N, or "" for none')
        .default('CommandOrControl+Alt+N'),
      /** Start the app (in the tray, window hidden) when the user logs in. */
      startAtLogin: z.boolean().default(false),
      /** Check the release feed for updates (downloaded in the background, installed only when you restart). */
      checkForUpdates: z.boolean().default(true),
    })
    .strict()
    .default({ quickNoteShortcut: 'CommandOrControl+Alt+N', startAtLogin: false, checkForUpdates: true }),
};

// Tells config/ what the desktop keys parse to (see Config in config/compose.ts).
declare module '../config/compose' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging adds the members
  interface Config extends ConfigSectionOutput<typeof desktopConfigSchema> {}
}

export const desktopConfigSection = defineConfigSection({ shape: desktopConfigSchema });
