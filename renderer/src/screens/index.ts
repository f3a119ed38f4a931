import type { ComponentType } from 'react';
import { AlertsScreen } from './AlertsScreen';
import { DashboardScreen } from './DashboardScreen';
import { IncidentsScreen } from './IncidentsScreen';
import { RunbooksScreen } from './RunbooksScreen';
import { SettingsScreen } from './SettingsScreen';
import { screenNav, type ScreenId } from './nav';

export interface ScreenDef {
  id: string;
  label: string;
  /** Alt+key jumps here. */
  key: string;
  component: ComponentType<{ params: string[] }>;
}

// A Record, so a screen added to nav.ts without a component (or the reverse) fails the type check.
const components: Record<ScreenId, ScreenDef['component']> = {
  dashboard: DashboardScreen,
  alerts: AlertsScreen,
  incidents: IncidentsScreen,
  runbooks: RunbooksScreen,
  settings: SettingsScreen,
};

export const screens: ScreenDef[] = screenNav.map((s) => ({ ...s, component: components[s.id] }));
