import { z } from 'zod';
import { method } from './define';
import { probeMethods, type ProbeEvents } from './monitoring-probes';
import { ruleMethods, type RuleEvents } from './monitoring-rules';

export * from './monitoring-probes';
export * from './monitoring-rules';

export interface MonitoringState {
  paused: boolean;
}

const noArgs = z.object({}).strict().optional();

export const monitoringMethods = {
  'monitoring:state': method<MonitoringState>()(noArgs),
  'monitoring:pause': method<MonitoringState>()(z.object({ paused: z.boolean() }).strict()),
  ...probeMethods,
  ...ruleMethods,
} as const;

export interface MonitoringEvents extends ProbeEvents, RuleEvents {
  'monitoring:changed': MonitoringState;
}
