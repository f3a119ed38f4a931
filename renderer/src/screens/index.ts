import type { ComponentType } from 'react';
import { AlertsScreen } from './AlertsScreen';
import { DashboardScreen } from './DashboardScreen';
import { IncidentsScreen } from './IncidentsScreen';
import { RunbooksScreen } from './RunbooksScreen';
import { SettingsScreen } from './SettingsScreen';

export interface ScreenDef {
  id: string;
  label: string;
  /** Alt+key jumps here. */
  key: string;
  component: ComponentType<{ params: string[] }>;
}

export const screens: ScreenDef[] = [
  { id: 'dashboard', label: 'Dashboard', key: '1', component: DashboardScreen },
  { id: 'alerts', label: 'Alerts', key: '2', component: AlertsScreen },
  { id: 'incidents', label: 'Incidents', key: '3', component: IncidentsScreen },
  { id: 'runbooks', label: 'Runbooks', key: '4', component: RunbooksScreen },
  { id: 'settings', label: 'Settings', key: '5', component: SettingsScreen },
];
