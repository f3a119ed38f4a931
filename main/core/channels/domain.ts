import type { Handlers } from '../../../preload/contract';
import type { CoreContext, Domain } from '../context';
import { envSecretResolver } from '../probes/secrets';
import { channelSource, createDeliver } from './deliver';
import type { Deliver } from './message';
import { listReceivers, testReceiver } from './test-send';

type ChannelsMethodName = `channels:${string}` & keyof Handlers;

/**
 * The channels domain: the receivers of the config in use and a test send through them. The
 * `deliver` it builds is the one the outbox sends with (secrets through the face's resolver).
 */
export function createChannelsDomain(ctx: CoreContext): Domain<ChannelsMethodName> & { deliver: Deliver } {
  const source = () => channelSource(ctx.config.current().alerting, ctx.config.path);
  const deliver = createDeliver({ source, secrets: ctx.ports.secrets ?? envSecretResolver(), now: () => ctx.clock.now() });
  return {
    deliver,
    handlers: {
      'channels:receivers': () => listReceivers(source()),
      'channels:test': ({ receiver }) => testReceiver(source(), receiver, deliver, () => Date.now()),
    },
  };
}
