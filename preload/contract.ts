/**
 * The one API between the faces (Electron IPC, browser WebSocket, CLI) and the core.
 * Method names are `domain:verb`; every argument has a zod schema the core parses as `unknown`;
 * every result crosses as `Result<T>`. Imports neither electron nor Node modules: the renderer uses it too.
 */
import type { z } from 'zod';
import { appMethods, type AppEvents } from './contract/app';
import { monitoringMethods, type MonitoringEvents } from './contract/monitoring';
import { incidentsMethods, type IncidentsEvents } from './contract/incidents';
import { runbooksMethods, type RunbooksEvents } from './contract/runbooks';
import { alertsMethods, type AlertsEvents } from './contract/alerts';
import { rotationMethods, type RotationEvents } from './contract/rotation';
import { channelsMethods } from './contract/channels';
import { outboxMethods, type OutboxEvents } from './contract/outbox';
import type { MethodSpec, Result } from './contract/define';

export * from './contract/define';
export * from './contract/app';
export * from './contract/monitoring';
export * from './contract/incidents';
export * from './contract/runbooks';
export * from './contract/alerts';
export * from './contract/rotation';
export * from './contract/channels';
export * from './contract/outbox';

export const methods = {
  ...appMethods,
  ...monitoringMethods,
  ...incidentsMethods,
  ...runbooksMethods,
  ...alertsMethods,
  ...rotationMethods,
  ...channelsMethods,
  ...outboxMethods,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export const methodNames = Object.keys(methods).sort() as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

/** What a caller sends (defaults not yet applied). */
export type Input<K extends MethodName> = z.input<Methods[K]['input']>;
/** What a handler receives after the schema has parsed it. */
export type ParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
export type Output<K extends MethodName> = Methods[K] extends MethodSpec<z.ZodType, infer O> ? O : never;

export type Handlers = { [K in MethodName]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The API as the renderer sees it, whichever face carries it. */
export interface OncallApi {
  invoke<K extends MethodName>(method: K, input?: Input<K>): Promise<Result<Output<K>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
}

export interface EventMap extends AppEvents, MonitoringEvents, IncidentsEvents, RunbooksEvents, AlertsEvents, RotationEvents, OutboxEvents {
  /** A desktop notification for faces without native ones (browser mode shows it in-page). */
  'notification:show': NotificationPayload;
}
export type EventName = keyof EventMap;

export interface NotificationPayload {
  id: string;
  title: string;
  body: string;
  severity: 'critical' | 'warning' | 'info';
  /** A route inside the app to open on click, e.g. `#/alerts/abc`. */
  route?: string;
  /** Set when the core plays a sound for it (so the face keeps the OS notification silent); a page repeats until acknowledged. */
  sound?: { severity: 'critical' | 'warning' | 'info'; repeatsUntilAck: boolean };
}

/** The event channel (main -> renderer); each method is invoked on a channel named like the method. */
export const ipcChannels = { event: 'oncall:event' } as const;
