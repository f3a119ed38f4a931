import { countOf, type ConfigCheck } from '../config/check';

/** Targets need nothing beyond config.yml's own validation; they head the summary line. */
export const monitoringConfigCheck: ConfigCheck = ({ config }) => ({ summary: [countOf(config.targets.length, 'target')] });
