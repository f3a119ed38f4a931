/**
 * The screens' names and Alt+key shortcuts, without their components: what both the screen table
 * (index.ts) and the Settings screen's shortcut list need. Living below both, it keeps Settings from
 * importing the table that imports Settings.
 */
export const screenNav = [
  { id: 'dashboard', label: 'Dashboard', key: '1' },
  { id: 'alerts', label: 'Alerts', key: '2' },
  { id: 'incidents', label: 'Incidents', key: '3' },
  { id: 'runbooks', label: 'Runbooks', key: '4' },
  { id: 'settings', label: 'Settings', key: '5' },
] as const;

export type ScreenId = (typeof screenNav)[number]['id'];
