import type { ConfigCheck, ConfigProblem } from '../config/check';
import { secretPattern } from '../probes/secrets';

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
  if (alerting.alertmanagerConfig !== undefined) return {};
  const problems: ConfigProblem[] = [];
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
