import type { z } from 'zod';
import { alertsConfigSection } from './alerts/config-section';
import { channelsConfigSection } from './channels/config-section';
import { composeConfig, ConfigStore, type Config, type ParseResult } from './config';
import { desktopConfigSection } from './desktop/config-section';
import { monitoringConfigSection } from './monitoring/config-section';
import { rotationConfigSection } from './rotation/config-section';
import { runbooksConfigSection } from './runbooks/config-section';
import { teamConfigSection } from './team/config-section';

/**
 * config.yml, joined from the domains' sections. This is the composition root's job (like
 * engine.ts for the services), so config/ itself depends on no domain. A new domain with config
 * adds its section here.
 */
const sections = [monitoringConfigSection, runbooksConfigSection, alertsConfigSection, rotationConfigSection, teamConfigSection, channelsConfigSection, desktopConfigSection] as const;

export const composedConfig = composeConfig(sections);
export const configSchema = composedConfig.schema;
export const emptyConfig: Config = composedConfig.empty;

/** Parses and validates config.yml text; every problem names file, line, column and field. */
export function parseConfigText(text: string, file: string): ParseResult {
  return composedConfig.parse(text, file);
}

// The sections listed above must produce exactly the Config the domains declared: a section left out
// here, or one whose augmentation is missing, fails the type check instead of failing at run time.
type Joined = z.output<z.ZodObject<UnionToIntersection<(typeof sections)[number]['shape']>>>;
type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sectionsMatchConfig: Same<Joined, Config> = true;
void sectionsMatchConfig;

/** The store for a config.yml, validated with the composed schema. */
export function openConfigStore(path: string, now?: () => number): ConfigStore {
  return new ConfigStore(path, composedConfig, now);
}
