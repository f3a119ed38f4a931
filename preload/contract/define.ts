import type { z } from 'zod';

/**
 * One API method: a zod schema for its argument and, as a type only, its result.
 * `method<Result>()(schema)` keeps the result type next to the schema without a runtime value.
 */
export interface MethodSpec<I extends z.ZodType, O> {
  readonly input: I;
  /** Phantom: never set at runtime, only carries the result type. */
  readonly output?: O;
}

export const method =
  <O>() =>
  <I extends z.ZodType>(input: I): MethodSpec<I, O> => ({ input });

/** Error codes every face understands; the message is for humans. */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_method'
  | 'not_found'
  | 'conflict'
  | 'unavailable'
  | 'forbidden'
  | 'config_invalid'
  | 'journal_unavailable'
  | 'internal';

export interface ApiError {
  code: ErrorCode;
  message: string;
}

/** What crosses every boundary: never a thrown exception. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };
