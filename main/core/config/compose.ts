import type { Document } from 'yaml';
import { z } from 'zod';
import type { ConfigIssue, ConfigState } from '../../../preload/contract';
import { parseYamlWith, type Locate } from './parse';

/**
 * config.yml as the domains use it. Empty here on purpose: each domain adds its sections by
 * augmenting this interface next to its schema (`<domain>/config-section.ts`), so config/ knows the
 * shape of config.yml without importing any domain. The composition root (core/composed-config.ts)
 * checks that the schemas it joins produce exactly this type.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface Config {}

/** config.yml, parsed and validated; `files` are the other files it references and that were read (an alertmanager.yml). */
export type ParseResult = { ok: true; config: Config; files: string[]; locate: Locate } | { ok: false; issues: ConfigIssue[]; files?: string[] };

/** The type one domain's sections parse to, for `interface Config extends ConfigSectionOutput<…> {}`. */
export type ConfigSectionOutput<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

export type ConfigSummary = ConfigState['summary'];

/** What a domain contributes to config.yml: its top-level keys, and checks that need the whole file. */
export interface ConfigSection<S extends z.ZodRawShape = z.ZodRawShape> {
  shape: S;
  /** Cross-section checks (an SLO naming a configured server); add issues with a path from the top. */
  refine?: (config: Config, ctx: z.RefinementCtx) => void;
  /** This section's part of the counts shown in Settings and `config:get`. */
  summary?: (config: Config) => Partial<ConfigSummary>;
  /**
   * Reads the files this section's keys name (an alertmanager.yml), once config.yml itself is valid.
   * Returns the config with what was read, problems located in those files, and the files read
   * (the store watches them). Any problem fails the load, so the last good config keeps running.
   */
  resolveFiles?: (config: Config, configFile: string) => { config: Config; issues: ConfigIssue[]; files: string[] };
  /** Adjusts the YAML document before validation (Alertmanager reads some scalars as go-yaml writes them). */
  prepareDocument?: (doc: Document) => void;
}

export function defineConfigSection<S extends z.ZodRawShape>(section: ConfigSection<S>): ConfigSection<S> {
  return section;
}

/** The joined schema and what the store needs from it. */
export interface ComposedConfig {
  schema: z.ZodType<Config>;
  /** Every default: what runs when config.yml is missing. */
  empty: Config;
  /** config.yml text through the schema, then each section's resolveFiles. */
  parse(text: string, file: string): ParseResult;
  summarize(config: Config): ConfigSummary;
}

const zeroSummary: ConfigSummary = { targets: 0, prometheus: 0, alertmanagers: 0, ruleFiles: 0, runbookDirs: 0, sshHosts: 0 };

/**
 * Joins the domains' sections into one schema. Unknown top-level keys are errors (a typo must not
 * silently disable monitoring), and two domains claiming the same key is a programming error.
 */
export function composeConfig(sections: readonly ConfigSection[]): ComposedConfig {
  const shape: Record<string, z.ZodType> = {};
  for (const section of sections) {
    for (const [key, field] of Object.entries(section.shape)) {
      if (key in shape) throw new Error(`config.yml key "${key}" is claimed by two domains`);
      shape[key] = field as z.ZodType;
    }
  }
  const schema = z
    .object(shape)
    .strict()
    .superRefine((config, ctx) => {
      for (const section of sections) section.refine?.(config as unknown as Config, ctx);
    }) as unknown as z.ZodType<Config>;
  return {
    schema,
    empty: schema.parse({}),
    parse: (text, file) => {
      const parsed = parseYamlWith(schema, text, file, { prepare: (doc) => sections.forEach((section) => section.prepareDocument?.(doc)) });
      if (!parsed.ok) return parsed;
      let config = parsed.value;
      const issues: ConfigIssue[] = [];
      const files: string[] = [];
      for (const section of sections) {
        const read = section.resolveFiles?.(config, file);
        if (!read) continue;
        config = read.config;
        issues.push(...read.issues);
        files.push(...read.files);
      }
      return issues.length > 0 ? { ok: false, issues, files } : { ok: true, config, files, locate: parsed.locate };
    },
    summarize: (config) => Object.assign({ ...zeroSummary }, ...sections.map((s) => s.summary?.(config) ?? {})) as ConfigSummary,
  };
}
