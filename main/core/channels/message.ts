/**
 * What the console sends to a team's channels, shared by the integrations (how one message reaches
 * one e-mail/Slack/webhook/Teams/Mattermost endpoint), the outbox (when and how often it is tried)
 * and incident communication (what is said). Kept free of I/O so every side can depend on it.
 */

/** One alert as Alertmanager's template data and webhook payload (version 4) carry it. */
export interface NotificationAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** RFC 3339 timestamps, as Alertmanager writes them; endsAt "0001-01-01T00:00:00Z" while firing. */
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** Alertmanager's template.Data for one notification of one alert group to one receiver. */
export interface NotificationData {
  /** The receiver's name as written; integrations apply Alertmanager's regexp.QuoteMeta where it does (template .Receiver, webhook `receiver`). */
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: NotificationAlert[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  /** The route's group key, as Alertmanager prints it (`{}/{severity="critical"}:{alertname="X"}`). */
  groupKey: string;
  truncatedAlerts: number;
}

/** A human-written message about an incident (status update, briefing, daily summary, test message). */
export interface TextMessage {
  title: string;
  /** Plain text (Markdown-ish: line breaks and `-` lists survive every channel). */
  text: string;
  /** `oncall://incident/ID` when the message is about an incident; shown as a link where the channel can. */
  link?: string;
  incidentId?: string;
}

export type OutgoingMessage = { kind: 'alerts'; data: NotificationData } | { kind: 'text'; message: TextMessage };

/** One integration of a receiver, e.g. the second of receiver "team-x"'s `slack_configs`. */
export interface IntegrationRef {
  receiver: string;
  /** Alertmanager's key without `_configs`: email, slack, webhook, msteams, ... */
  kind: string;
  index: number;
}

export interface DeliveryResult {
  ok: boolean;
  /** false when trying again cannot help (4xx other than 408/429, a template error, a missing secret). */
  retryable: boolean;
  /** HTTP status or SMTP reply code, when the server answered. */
  status?: number;
  /** What the server said (or why nothing was sent), truncated, never containing a secret. */
  answer: string;
  /** Server-requested delay before the next try (Retry-After, 429), in ms. */
  retryAfterMs?: number;
}

/** Sends one message through one integration. `idempotencyKey` is stable across retries of the same message. */
export type Deliver = (
  integration: IntegrationRef,
  message: OutgoingMessage,
  options: { idempotencyKey: string; signal?: AbortSignal },
) => Promise<DeliveryResult>;

/**
 * Queues a message for delivery. Synchronous and on the journal's own database connection, so a
 * caller can enqueue inside the same SQLite transaction as the event that caused the message
 * (nothing is said that did not happen; nothing that happened goes unsaid).
 */
export interface OutboxPort {
  /** Queues the message for every deliverable integration of `receiver`; returns the message id. */
  enqueue(input: { receiver: string; message: OutgoingMessage; incidentId?: string }): string;
}
