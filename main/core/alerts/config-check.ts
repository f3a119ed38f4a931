import type { ConfigCheck, ConfigProblem } from '../config/check';
import { countOf } from '../config/check';
import { alertmanagerPath } from './am/load';
import { receiverWarnings } from './am/receivers';
import { compileRouteTree, type Route } from './routes';

const countRoutes = (route: Route): number => 1 + route.routes.reduce((n, child) => n + countRoutes(child), 0);

/**
 * The routing config.yml ends up with (its own blocks or the team's alertmanager.yml): the file is
 * listed, and every receiver integration the console will not deliver is a warning, so a team sees
 * before the first page which of its receivers stay silent here.
 */
export const alertsConfigCheck: ConfigCheck = ({ config, configFile, locate }) => {
  const { alerting } = config;
  const source = alerting.alertmanagerConfig === undefined ? null : alertmanagerPath(alerting.alertmanagerConfig, configFile);
  const at = locate?.(['alerting', source ? 'alertmanagerConfig' : 'receivers']) ?? null;
  const problems: ConfigProblem[] = receiverWarnings(alerting.receivers).map((message) => ({
    file: source ?? configFile,
    line: source ? null : (at?.line ?? null),
    column: source ? null : (at?.column ?? null),
    field: 'receivers',
    message,
    severity: 'warning',
  }));
  // Without receivers every alert stays on the desktop: nothing about routing worth a phrase.
  if (!source && alerting.receivers.length === 0) return { problems };
  const routes = countRoutes(compileRouteTree(alerting));
  return {
    files: source ? [{ file: source, kind: 'alertmanager', ok: true }] : [],
    problems,
    summary: [`${countOf(routes, 'route')}, ${countOf(alerting.receivers.length, 'receiver')}`],
  };
};
