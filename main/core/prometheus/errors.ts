import { AppError } from '../shared/errors';

/**
 * The server could not be asked (refused, timed out, 5xx, TLS or auth failure). Callers must treat
 * this as "we do not know", never as "everything is fine": rules keep their state, nothing resolves.
 */
export class SourceUnavailableError extends AppError {
  constructor(
    readonly server: string,
    reason: string,
    /** The server sent an HTTP answer (404 from a proxy, 401, 5xx) rather than none at all. */
    readonly answered = false,
  ) {
    super('unavailable', `Prometheus "${server}" is unavailable: ${reason}`);
    this.name = 'SourceUnavailableError';
  }
}

/** The server answered but refused the query (bad PromQL, 422 execution error): the rule is at fault. */
export class QueryError extends AppError {
  constructor(
    readonly errorType: string,
    message: string,
  ) {
    super('invalid_input', message);
    this.name = 'QueryError';
  }
}
