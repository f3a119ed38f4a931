// Methods of the channels domain: the team's receivers (from alertmanager.yml or config.yml) and a
// test message through each of their integrations.
import { z } from 'zod';
import { method } from './define';

export interface ReceiverIntegration {
  /** Alertmanager's kind without `_configs`: email, slack, webhook, msteams, pagerduty, … */
  kind: string;
  index: number;
  /** Whether the console delivers this kind (the rest are kept for routing only). */
  deliverable: boolean;
  sendResolved: boolean;
  /** Where it goes, without secrets: `smtp.example.org:587 → oncall@example.org`, `https://hooks.slack.com/<secret>`. */
  target: string;
}

export interface ReceiverInfo {
  name: string;
  integrations: ReceiverIntegration[];
}

export interface ChannelTestOutcome {
  kind: string;
  index: number;
  ok: boolean;
  retryable: boolean;
  /** HTTP status or SMTP reply code, when the server answered. */
  status: number | null;
  /** What the server said (or why nothing was sent), never containing a secret. */
  answer: string;
  ms: number;
}

export interface ChannelTestReport {
  receiver: string;
  /** One per deliverable integration; empty when the receiver has none. */
  results: ChannelTestOutcome[];
  /** Integrations that were not tried because the console does not deliver their kind. */
  skipped: { kind: string; index: number }[];
}

export const channelsMethods = {
  'channels:receivers': method<ReceiverInfo[]>()(z.object({}).strict().optional()),
  /** Sends a test message right away (not through the outbox) and reports every server's answer. */
  'channels:test': method<ChannelTestReport>()(z.object({ receiver: z.string().min(1).max(200) }).strict()),
};
