// What the one-line composer means by what was typed. Pure, so it is unit-tested without a browser.
import type { Input } from '../../../../preload/contract';

export type AppendInput = Input<'timeline:append'>;

export type ComposerIntent =
  | { kind: 'empty' }
  | { kind: 'error'; message: string }
  | { kind: 'append'; input: AppendInput };

/** The seed 002 decision-log fields, typed with `|` between them. */
export const decisionUsage = '/decision action | expectation | result | next  (result and next are optional)';

const decisionPrefix = /^\/(?:decision|d)(?:\s+|$)/i;
const commPrefix = /^\/(?:comm|communication)(?:\s+|$)/i;
const evidencePrefix = /^\/(?:evidence|link)(?:\s+|$)/i;

/** Splits `a | b | c | d` into the decision fields; a `\|` stays a literal bar inside a field. */
export function parseDecisionFields(body: string): { action: string; expectation: string; result?: string; next?: string } | { error: string } {
  const parts = body
    .split(/(?<!\\)\|/)
    .map((p) => p.replace(/\\\|/g, '|').trim());
  if (parts.length > 4) return { error: `a decision has at most four parts: ${decisionUsage}` };
  const [action = '', expectation = '', result = '', next = ''] = parts;
  if (!action) return { error: `a decision needs an action: ${decisionUsage}` };
  if (!expectation) return { error: `a decision needs an expectation after a "|": ${decisionUsage}` };
  return { action, expectation, ...(result ? { result } : {}), ...(next ? { next } : {}) };
}

/**
 * Turns composer text into a timeline:append input.
 * `asDecision` is the Ctrl/Cmd+D shortcut: the whole text is a decision even without the prefix.
 */
export function parseComposer(raw: string, options: { incidentId: string; supersedes?: string; asDecision?: boolean }): ComposerIntent {
  const text = raw.trim();
  if (!text) return { kind: 'empty' };
  const base = { incidentId: options.incidentId, ...(options.supersedes ? { supersedes: options.supersedes } : {}) };
  if (options.asDecision || decisionPrefix.test(text)) {
    const fields = parseDecisionFields(text.replace(decisionPrefix, ''));
    if ('error' in fields) return { kind: 'error', message: fields.error };
    return { kind: 'append', input: { kind: 'decision', ...base, ...fields } };
  }
  if (commPrefix.test(text)) {
    const body = text.replace(commPrefix, '').trim();
    if (!body) return { kind: 'error', message: 'write the update after /comm' };
    return { kind: 'append', input: { kind: 'communication', ...base, text: body } };
  }
  if (evidencePrefix.test(text)) {
    const body = text.replace(evidencePrefix, '').trim();
    const [url = '', ...rest] = body.split(/\s+/);
    if (!/^\w[\w+.-]*:\/\/\S+$/.test(url)) return { kind: 'error', message: 'usage: /evidence URL [what it shows]' };
    return { kind: 'append', input: { kind: 'evidence', ...base, url, text: rest.join(' ') } };
  }
  return { kind: 'append', input: { kind: 'note', ...base, text } };
}
