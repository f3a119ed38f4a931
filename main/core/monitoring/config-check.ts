import { countOf, type ConfigCheck, type ConfigProblem } from '../config/check';
import { unknownPlaceholders } from '../probes/placeholders';

/**
 * Targets head the summary line. config.yml's own validation covers them, except one thing Gatus
 * allows and nobody means: a misspelt placeholder, which stays literal text and fails the condition
 * on every probe.
 */
export const monitoringConfigCheck: ConfigCheck = ({ config, configFile, locate }) => {
  const problems: ConfigProblem[] = [];
  config.targets.forEach((target, t) => {
    target.conditions.forEach((condition, c) => {
      for (const word of unknownPlaceholders(condition)) {
        const at = locate?.(['targets', t, 'conditions', c]) ?? null;
        const message = `${word} is not a placeholder, so it is compared as literal text and "${condition}" never holds (placeholders: [STATUS], [BODY], [RESPONSE_TIME], [CONNECTED], [IP], [CERTIFICATE_EXPIRATION]; with kind: browser also [PAGE_LOAD], [LCP], [JS_ERRORS], [FAILED_REQUESTS])`;
        problems.push({ file: configFile, line: at?.line ?? null, column: at?.column ?? null, field: `targets[${t}].conditions[${c}]`, message, severity: 'warning' });
      }
    });
  });
  return { problems, summary: [countOf(config.targets.length, 'target')] };
};
