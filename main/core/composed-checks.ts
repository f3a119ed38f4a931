import { alertsConfigCheck } from './alerts/config-check';
import { channelsConfigCheck } from './channels/config-check';
import type { ConfigCheck } from './config/check';
import { monitoringConfigCheck } from './monitoring/config-check';
import { rulesConfigCheck } from './rules/config-check';
import { runbooksConfigCheck } from './runbooks/config-check';

/**
 * What `oncall config check` runs after config.yml itself validates, one check per domain, in the
 * order of the summary line. Kept apart from composed-config.ts so that loading config (every CLI
 * command does) does not load the rule parser. A domain that reads more files adds its check here.
 */
export const configChecks: readonly ConfigCheck[] = [monitoringConfigCheck, rulesConfigCheck, alertsConfigCheck, channelsConfigCheck, runbooksConfigCheck];
