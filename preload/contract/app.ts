import { z } from 'zod';
import { method } from './define';

export interface AppInfo {
  name: string;
  version: string;
  home: string;
  face: 'electron' | 'web' | 'cli';
  platform: string;
  /** True until the user has added a target, a Prometheus server or started the demo. */
  firstRun: boolean;
}

export interface ConfigIssue {
  file: string;
  line: number;
  column: number;
  field: string;
  message: string;
}

export interface ConfigState {
  path: string;
  /** When the config in use was loaded (ms since epoch). */
  loadedAt: number;
  /** Problems with the file on disk; when non-empty the previous good config is still in use. */
  issues: ConfigIssue[];
  summary: { targets: number; prometheus: number; alertmanagers: number; ruleFiles: number; runbookDirs: number; sshHosts: number };
}

export interface DemoStatus {
  running: boolean;
  url: string | null;
  /** Health checks currently forced to fail. */
  failing: DemoCheck[];
  /** Extra latency added to every response, ms. */
  latencyMs: number;
}

export const demoChecks = ['database', 'redis', 'disk_space'] as const;
export type DemoCheck = (typeof demoChecks)[number];

const noArgs = z.object({}).strict().optional();

export const appMethods = {
  'app:info': method<AppInfo>()(noArgs),
  'app:open-external': method<{ opened: boolean }>()(z.object({ url: z.string().max(4096) }).strict()),
  /** Seals a value in the OS keychain (desktop app only); config.yml then names it as keychain:NAME. The value is never returned. */
  'app:store-secret': method<{ reference: string }>()(z.object({ name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, 'use letters, digits, "_", "." or "-"'), value: z.string().min(1).max(65_536) }).strict()),
  'config:get': method<ConfigState>()(noArgs),
  'config:reload': method<ConfigState>()(noArgs),
  'demo:status': method<DemoStatus>()(noArgs),
  'demo:start': method<DemoStatus>()(noArgs),
  'demo:stop': method<DemoStatus>()(noArgs),
  'demo:set-failure': method<DemoStatus>()(
    z
      .object({
        failing: z.array(z.enum(demoChecks)).max(demoChecks.length),
        latencyMs: z.number().int().min(0).max(60_000).optional(),
      })
      .strict(),
  ),
} as const;

export interface AppEvents {
  'config:changed': ConfigState;
  'demo:changed': DemoStatus;
}
