import { execute } from './exec';
import { isTemplateFunction, type FuncEnv } from './functions';
import { byteOffset, TemplateSyntaxError } from './lexer';
import { parseTemplate } from './parser';
import { stringMap, type GoValue } from './values';
import type { ParsedTemplate } from './ast';

export { TemplateExecError, execute, type ExecOptions } from './exec';
export { parseTemplate } from './parser';
export { templateFunctions, type TemplateFunc, type ParamType } from './functions';
export type { ParsedTemplate, Node as TemplateNode } from './ast';
export { goInt, stringMap, isTrue, type GoValue, type GoMap, type GoSlice, type GoStruct, type GoMethod, type GoMethods } from './values';
export { formatV } from './go-fmt';
export { TemplateSyntaxError } from './lexer';
export type { FuncEnv } from './functions';
export { formatFloatV } from '../../shared/go-float';

/** Prometheus prepends these so rule templates can say $labels, $value, $externalLabels. */
export const alertTemplateDefs = '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

export class TemplateParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateParseError';
  }
}

/** Parses with Prometheus's function set; errors read like Go's (`template: NAME:LINE: ...`). */
export function compileTemplate(name: string, text: string): ParsedTemplate {
  try {
    return parseTemplate(name, text, isTemplateFunction);
  } catch (err) {
    if (err instanceof TemplateSyntaxError) {
      const line = text.slice(0, err.pos).split('\n').length;
      throw new TemplateParseError(`template: ${name}:${line}: ${err.message}`);
    }
    throw err;
  }
}

export interface AlertTemplateData {
  labels: Record<string, string>;
  externalLabels: Record<string, string>;
  externalUrl: string;
  value: number;
}

/** The dot of an alert template: Go's anonymous struct {Labels, ExternalLabels, ExternalURL, Value}. */
export function alertData(d: AlertTemplateData): GoValue {
  return {
    kind: 'struct',
    type: 'struct { Labels map[string]string; ExternalLabels map[string]string; ExternalURL string; Value float64 }',
    fields: { Labels: stringMap(d.labels), ExternalLabels: stringMap(d.externalLabels), ExternalURL: d.externalUrl, Value: d.value },
  };
}

const cache = new Map<string, ParsedTemplate>();

/**
 * Expands one label or annotation template the way Prometheus's alerting rule does: with the defs
 * prepended, and any failure rendered as `<error expanding template: ...>` instead of thrown.
 */
export async function expandAlertTemplate(ruleName: string, text: string, data: AlertTemplateData, env: Omit<FuncEnv, 'externalUrl'>): Promise<string> {
  // Prometheus skips the template engine when there is nothing to expand.
  const name = `__alert_${ruleName}`;
  const source = alertTemplateDefs + text;
  try {
    const key = `${name}\u0000${source}`;
    let tpl = cache.get(key);
    if (!tpl) {
      tpl = compileTemplate(name, source);
      if (cache.size > 5000) cache.clear();
      cache.set(key, tpl);
    }
    return await execute(tpl, alertData(data), { ...env, externalUrl: data.externalUrl });
  } catch (err) {
    const inner = err instanceof TemplateParseError ? `error parsing template ${name}: ${err.message}` : `error executing template ${name}: ${(err as Error).message}`;
    return `<error expanding template: ${inner}>`;
  }
}

/** For `rules check`: the parse error of a label or annotation template, or null. */
export function checkAlertTemplate(ruleName: string, text: string): string | null {
  try {
    compileTemplate(`__alert_${ruleName}`, alertTemplateDefs + text);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

export { byteOffset };
