import type { Handlers } from '../../../preload/contract';
import type { CoreContext } from '../context';
import { RuleService } from './service';

export type RuleMethods = 'rules:list' | 'rules:check' | 'rules:reload';

export interface RulesPart {
  service: RuleService;
  handlers: Pick<Handlers, RuleMethods>;
  start(): void;
  stop(): Promise<void>;
  /** Pausing monitoring stops rule evaluation and the reading of server alerts. */
  setPaused(paused: boolean): void;
}

/** The rule-evaluation part of the monitoring domain (main/core/monitoring/index.ts wires it). */
export function createRulesPart(ctx: CoreContext): RulesPart {
  const service = new RuleService(ctx);
  return {
    service,
    handlers: {
      'rules:list': () => service.status(),
      'rules:check': ({ text, file }) => service.check(text, file),
      'rules:reload': () => service.reload(),
    },
    start: () => service.start(),
    stop: () => service.stop(),
    setPaused: (paused) => service.setPaused(paused),
  };
}
