export { PrometheusClient, parseInstant, type PrometheusClientOptions, type SecretRef } from './client';
export { QueryError, SourceUnavailableError } from './errors';
export { Limiter } from './limiter';
export type { InstantResult, RangeSeries, Sample, ServerAlert, ServerRuleGroup } from './types';
