import type { DeliveryResult, NotificationData, OutgoingMessage } from '../message';
import type { AmGlobal } from './global';
import type { HttpAnswer } from './http';
import type { Secrets } from './secrets';
import type { RequestOptions } from 'node:https';
import type { ZodType } from 'zod';

/** Renders Alertmanager templates (text or html) against a notification's data; see templates/. */
export interface TemplateRenderer {
  text(template: string, data: NotificationData): Promise<string>;
  html(template: string, data: NotificationData): Promise<string>;
}

/** What one send of one message through one integration has at hand. */
export interface SendContext {
  receiver: string;
  secrets: Secrets;
  /** Folder of the file the receiver was read from: relative `*_file` paths start there. */
  baseDir: string;
  global: AmGlobal;
  templates: TemplateRenderer;
  idempotencyKey: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  now: () => number;
  post(url: string, body: string, headers: Record<string, string>, tls: RequestOptions): Promise<HttpAnswer>;
}

/** One kind of integration (`webhook_configs`, …): how its config reads and how a message goes out. */
export interface IntegrationKind {
  /** Alertmanager's key without `_configs`. */
  kind: string;
  /** How its config reads (Alertmanager's fields for the kind); `oncall config check` runs it too. */
  schema: ZodType;
  /** Alertmanager's default for `send_resolved` of this kind. */
  sendResolvedDefault: boolean;
  send(config: unknown, message: OutgoingMessage, ctx: SendContext): Promise<DeliveryResult>;
}
