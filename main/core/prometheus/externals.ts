import { parse } from 'yaml';
import type { PrometheusClient } from './client';
import { SourceUnavailableError } from './errors';

/**
 * What a rule template sees as `$externalLabels` and `$externalURL`: the server's own
 * `global.external_labels` (GET /api/v1/status/config) and `--web.external-url`
 * (GET /api/v1/status/flags), so a rule file renders here as it does on that Prometheus. A value
 * set in config.yml or on the command line replaces the server's. A server that does not answer
 * those endpoints (an old version, a proxy that only passes queries) leaves them at the override
 * or empty, with one warning, and never stops evaluation.
 */
export interface ExternalsOverride {
  externalLabels?: Record<string, string>;
  externalURL?: string;
}

export class ServerExternals {
  private labels: Record<string, string> = {};
  private url: string | null = null;
  private warned = false;

  constructor(
    private readonly client: Pick<PrometheusClient, 'name' | 'statusConfig' | 'statusFlags'>,
    private readonly override: ExternalsOverride,
    /** `$externalURL` when neither the override nor the server names one: the URL the console queries. */
    private readonly fallbackUrl: string,
    private readonly warn: (message: string) => void,
  ) {}

  get externalLabels(): Record<string, string> {
    return this.override.externalLabels ?? this.labels;
  }

  get externalUrl(): string {
    return this.override.externalURL ?? this.url ?? this.fallbackUrl;
  }

  /** Asks the server again (at start and whenever it answers again after an outage); never throws. */
  async refresh(): Promise<void> {
    const problems: string[] = [];
    const ask = async <T>(what: string, call: () => Promise<T>): Promise<T | null> => {
      try {
        return await call();
      } catch (err) {
        // No answer at all is an outage, reported elsewhere and retried on reconnect; an answer
        // without the endpoint is worth one warning.
        if (!(err instanceof SourceUnavailableError) || err.answered) problems.push(`${what}: ${(err as Error).message}`);
        return null;
      }
    };
    const [config, flags] = await Promise.all([
      this.override.externalLabels ? null : ask('/api/v1/status/config', () => this.client.statusConfig()),
      this.override.externalURL !== undefined ? null : ask('/api/v1/status/flags', () => this.client.statusFlags()),
    ]);
    if (config !== null) {
      try {
        this.labels = externalLabelsOf(config);
      } catch (err) {
        problems.push(`/api/v1/status/config: ${(err as Error).message}`);
      }
    }
    if (flags !== null) this.url = normalizeExternalUrl(flags['web.external-url'] ?? '');
    if (problems.length > 0 && !this.warned) {
      this.warned = true;
      this.warn(`Prometheus "${this.client.name}" did not say its external labels or URL (${problems.join('; ')}); $externalLabels and $externalURL use config.yml or stay empty`);
    }
  }
}

/** `global.external_labels` of a Prometheus configuration file. */
export function externalLabelsOf(yamlText: string): Record<string, string> {
  const doc = parse(yamlText) as { global?: { external_labels?: Record<string, unknown> | null } } | null;
  const labels = doc?.global?.external_labels ?? {};
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
}

/**
 * Prometheus drops trailing slashes of the external URL's path (`http://h/prom/` renders as
 * `http://h/prom`); an empty flag means "not set", which Prometheus fills from its own host name.
 */
export function normalizeExternalUrl(text: string): string | null {
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text;
  }
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}${url.search}${url.hash}`;
}
