import { randomBytes } from 'node:crypto';

// Crockford's base32, as ULIDs use it: sortable as text, no ambiguous letters.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID-shaped id: 10 characters of millisecond time, then 16 random ones. Ids made later sort
 * later (handy in listings and in the receiver's logs), and two machines never collide.
 */
export function newMessageId(now: number): string {
  let time = '';
  let t = Math.max(0, Math.floor(now));
  for (let i = 0; i < 10; i++) {
    time = alphabet[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let random = '';
  for (const b of bytes) random += alphabet[b % 32]!;
  return time + random;
}

/** The idempotency key of one message to one integration: the same on every retry, different per integration. */
export function deliveryKey(messageId: string, kind: string, index: number): string {
  return `${messageId}-${kind}${index}`;
}
