import type { ConfigCheck, ConfigProblem } from '../config/check';
import { alertmanagerPath } from '../alerts/am/load';
import type { Receiver } from '../alerts/am/schema';
import type { Locate } from '../config/parse';
import { secretPattern } from '../probes/secrets';
import { integrationProblem } from './integrations/index';

/**
 * Integration configs the console delivers, read as it will read them when sending: a field
 * Alertmanager does not know, a missing `to`, two of url/url_file… are warnings here (Alertmanager
 * itself would refuse the file), so they show before the first page instead of at it.
 */
function configProblems(receivers: readonly Receiver[], inlineFile: string | null, amFile: string | null, locate: Locate | null): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  receivers.forEach((receiver, r) => {
    for (const [key, list] of Object.entries(receiver.configs)) {
      const kind = key.replace(/_configs$/, '');
      list.forEach((integration, i) => {
        const problem = integrationProblem(kind, integration);
        if (!problem) return;
        const where = inlineFile ? (locate?.(['alerting', 'receivers', r, key, i]) ?? null) : null;
        out.push({
          file: inlineFile ?? amFile ?? '',
          line: where?.line ?? null,
          column: where?.column ?? null,
          field: `receivers[${r}].${key}[${i}]`,
          message: `receiver "${receiver.name}": ${key}[${i}].${problem}`,
          severity: 'warning',
        });
      });
    }
  });
  return out;
}

/**
 * config.yml must not hold a secret in clear: a receiver written inline under `alerting:` gets a
 * warning for every secret field whose value is not a reference (`keychain:NAME`, `${env:NAME}`)
 * and for which no `*_file` is used instead. A team's own alertmanager.yml is theirs to keep as
 * they like (Alertmanager reads it the same way), so it is not checked here.
 */

/** Secret fields per integration kind (Alertmanager's Secret / SecretURL fields). */
const secretFields: Record<string, string[]> = {
  email_configs: ['auth_password', 'auth_secret'],
  slack_configs: ['api_url'],
  webhook_configs: ['url'],
  msteams_configs: ['webhook_url'],
  pagerduty_configs: ['routing_key', 'service_key'],
  opsgenie_configs: ['api_key'],
  victorops_configs: ['api_key'],
  pushover_configs: ['user_key', 'token'],
  wechat_configs: ['api_secret'],
  telegram_configs: ['bot_token'],
  discord_configs: ['webhook_url'],
  webex_configs: [],
  sns_configs: [],
};

const httpSecrets: [string[], string][] = [
  [['http_config', 'basic_auth', 'password'], 'http_config.basic_auth.password'],
  [['http_config', 'authorization', 'credentials'], 'http_config.authorization.credentials'],
  [['http_config', 'bearer_token'], 'http_config.bearer_token'],
];

function at(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), obj);
}

// Slack's Web API endpoint is a public URL; the token travels in http_config.authorization.
const publicUrls = new Set(['https://slack.com/api/chat.postMessage']);
const inClear = (v: unknown) => typeof v === 'string' && v !== '' && !secretPattern.test(v) && !publicUrls.has(v);

export const channelsConfigCheck: ConfigCheck = ({ config, configFile, locate }) => {
  const { alerting } = config;
  const amFile = alerting.alertmanagerConfig === undefined ? null : alertmanagerPath(alerting.alertmanagerConfig, configFile);
  const problems: ConfigProblem[] = configProblems(alerting.receivers, amFile ? null : configFile, amFile, locate);
  if (alerting.alertmanagerConfig !== undefined) return { problems };
  alerting.receivers.forEach((receiver, r) => {
    for (const [kind, list] of Object.entries(receiver.configs)) {
      list.forEach((integration, i) => {
        const fields: [string[], string][] = [...(secretFields[kind] ?? []).map((f): [string[], string] => [[f], f]), ...httpSecrets];
        for (const [path, name] of fields) {
          if (!inClear(at(integration, path))) continue;
          const where = locate?.(['alerting', 'receivers', r, kind, i, ...path]) ?? null;
          problems.push({
            file: configFile,
            line: where?.line ?? null,
            column: where?.column ?? null,
            field: `alerting.receivers[${r}].${kind}[${i}].${name}`,
            message: `receiver "${receiver.name}": ${name} is a secret given in clear in config.yml; use ${name.split('.').pop() ?? name}_file, keychain:NAME or \${env:NAME}`,
            severity: 'warning',
          });
        }
      });
    }
  });
  return { problems };
};
