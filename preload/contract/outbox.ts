import { z } from 'zod';
import { method } from './define';

/** Where one delivery (one message to one integration of a receiver) stands. */
export const outboxStates = ['pending', 'sending', 'sent', 'failed-retrying', 'dead', 'discarded'] as const;
export type OutboxState = (typeof outboxStates)[number];

export interface OutboxAttempt {
  n: number;
  startedAt: number;
  finishedAt: number | null;
  /** `interrupted`: the console stopped (or was killed) while the server had the message. */
  result: 'sending' | 'ok' | 'failed' | 'interrupted';
  status: number | null;
  answer: string | null;
}

export interface OutboxDelivery {
  /** The delivery id; also the idempotency key the receiver sees (header, e-mail Message-ID). */
  id: string;
  messageId: string;
  receiver: string;
  /** `webhook[0]`: Alertmanager's integration kind and its index in the receiver. */
  integration: string;
  state: OutboxState;
  /** One line about the message: the alert group and status, or the title of a text message. */
  summary: string;
  incidentId: string | null;
  createdAt: number;
  updatedAt: number;
  /** When the next try is due (pending, failed-retrying). */
  nextAt: number | null;
  attempts: number;
  lastStatus: number | null;
  lastAnswer: string | null;
  /** Why it is dead or discarded. */
  reason: string | null;
}

export interface OutboxList {
  deliveries: OutboxDelivery[];
  counts: Record<OutboxState, number>;
}

export interface OutboxDetail extends OutboxDelivery {
  attemptLog: OutboxAttempt[];
}

const id = z.string().min(1).max(100);

export const outboxMethods = {
  'outbox:list': method<OutboxList>()(
    z
      .object({
        states: z.array(z.enum(outboxStates)).max(outboxStates.length).optional(),
        receiver: z.string().min(1).max(200).optional(),
        limit: z.number().int().min(1).max(5000).default(200),
      })
      .strict()
      .optional(),
  ),
  'outbox:get': method<OutboxDetail>()(z.object({ id }).strict()),
  /** Tries a failed, dead or waiting delivery now (a sent or discarded one is refused). */
  'outbox:retry': method<OutboxDelivery>()(z.object({ id }).strict()),
  /** Gives up on a delivery that has not been sent; the reason is journaled with it. */
  'outbox:discard': method<OutboxDelivery>()(z.object({ id, reason: z.string().trim().min(1, 'say why').max(500) }).strict()),
};

export interface OutboxEvents {
  /** Something in the outbox changed state (queued, sent, failed, retried, discarded). */
  'outbox:changed': { counts: Record<OutboxState, number> };
}
