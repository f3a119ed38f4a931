// Rule files evaluated locally against a Prometheus server (part of the monitoring domain).
import { z } from 'zod';
import { method } from './define';

export interface RuleProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface RuleAlertInfo {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'pending' | 'firing' | 'resolved';
  activeAt: number;
  value: number;
}

export interface RuleInfo {
  kind: 'alerting' | 'recording';
  name: string;
  expr: string;
  /** ms */
  for: number;
  keepFiringFor: number;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  line: number;
  /** Recording rules run on the Prometheus server only: `server-side`. */
  state: 'inactive' | 'pending' | 'firing' | 'server-side';
  health: 'unknown' | 'ok' | 'err';
  lastError: string | null;
  lastEvaluation: number | null;
  evaluationMs: number;
  alerts: RuleAlertInfo[];
}

export interface RuleGroupInfo {
  name: string;
  file: string;
  interval: number;
  limit: number;
  queryOffset: number;
  lastEvaluation: number | null;
  /** Why the last evaluation could not ask the server; alerts were kept as they were. */
  unavailable: string | null;
  rules: RuleInfo[];
}

export interface RuleFileInfo {
  path: string;
  builtin: boolean;
  /** Non-empty: the file is rejected (the others keep running). */
  errors: RuleProblem[];
  groups: RuleGroupInfo[];
}

export interface RulesStatus {
  server: { name: string; url: string } | null;
  /** `unavailable` means the console is blind, never that alerts resolved. */
  sourceStatus: 'ok' | 'unavailable' | 'no-server' | 'paused' | 'starting';
  sourceError: string | null;
  files: RuleFileInfo[];
}

export interface RuleCheckResult {
  ok: boolean;
  errors: RuleProblem[];
  groups: number;
  alerting: number;
  recording: number;
}

const noArgs = z.object({}).strict().optional();

export const ruleMethods = {
  'rules:list': method<RulesStatus>()(noArgs),
  'rules:check': method<RuleCheckResult>()(z.object({ text: z.string().max(5_000_000), file: z.string().min(1).max(4096).optional() }).strict()),
  'rules:reload': method<RulesStatus>()(noArgs),
} as const;

export interface RuleEvents {
  /** A rule group was evaluated and something changed (alerts, health or availability). */
  'rules:changed': { at: number; group: string; file: string; transitions: number; unavailable: string | null };
}
