import type { MonitoringState } from '../../../preload/contract';
import type { CoreContext, Domain } from '../context';
import { ProbeService, type ProbeServiceOptions } from '../probes/service';
import { createRulesPart, type RuleMethods } from '../rules/domain-part';
import { PromSloService } from '../slo/prom-service';

type MonitoringMethods = 'monitoring:state' | 'monitoring:pause' | 'monitoring:targets' | 'monitoring:history' | 'monitoring:slos' | RuleMethods;

/** Monitoring: health probes, Prometheus queries and rule evaluation. Pausing stops all polling. */
export function createMonitoringDomain(ctx: CoreContext, options: ProbeServiceOptions = {}): Domain<MonitoringMethods> & { probes: ProbeService; promSlos: PromSloService } {
  const state: MonitoringState = { paused: false };
  const probes = new ProbeService(ctx, options);
  const rules = createRulesPart(ctx);
  const promSlos = new PromSloService(ctx);
  return {
    probes,
    promSlos,
    handlers: {
      'monitoring:state': () => ({ ...state }),
      'monitoring:pause': ({ paused }) => {
        state.paused = paused;
        probes.setPaused(paused);
        rules.setPaused(paused);
        promSlos.setPaused(paused);
        ctx.bus.emit('monitoring:changed', { ...state });
        return { ...state };
      },
      'monitoring:targets': () => probes.snapshot(),
      'monitoring:history': ({ target, from, to }) => probes.series(target, from, to),
      'monitoring:slos': async () => [...probes.slos(), ...(await promSlos.reports())],
      ...rules.handlers,
    },
    start: () => {
      probes.start();
      rules.start();
      promSlos.start();
    },
    stop: async () => {
      await rules.stop();
      await promSlos.stop();
      probes.stop();
    },
  };
}
