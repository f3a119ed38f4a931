import type { CoreContext, Domain } from '../context';
import { DemoService } from './demo-service';

export { DemoService } from './demo-service';

/** The demo service and its failure controls. The monitoring domain watches it as a target. */
export function createDemoDomain(ctx: CoreContext, service = new DemoService()): Domain<'demo:status' | 'demo:start' | 'demo:stop' | 'demo:set-failure'> & { service: DemoService } {
  const changed = () => {
    const status = service.status();
    ctx.bus.emit('demo:changed', status);
    return status;
  };
  return {
    service,
    handlers: {
      'demo:status': () => service.status(),
      'demo:start': async () => {
        await service.start();
        return changed();
      },
      'demo:stop': async () => {
        await service.stop();
        return changed();
      },
      'demo:set-failure': ({ failing, latencyMs }) => {
        service.setFailure(failing, latencyMs);
        return changed();
      },
    },
    stop: () => service.stop(),
  };
}
