// The outbox's public face: durable queue (store), delivery worker, alert routing into it, domain.
export { OutboxStore, lineOf, openStates, type DeliveryRow, type OutboxStoreDeps } from './store';
export { receiverIntegrations, integrationConfig, sendsResolvedFallback } from './integrations';
export { newMessageId, deliveryKey } from './ids';
