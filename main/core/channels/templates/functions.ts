import { formatV, templateFunctions, type GoSlice, type GoValue, type TemplateFunc } from '../../rules/template';

/**
 * The functions an Alertmanager 0.25 template can call: Go's builtins plus Alertmanager's own
 * (toUpper, toLower, title, join, match, safeHtml, reReplaceAll, stringSlice). Prometheus's
 * (humanize, query, …) are not among them, as in Alertmanager: a template using one fails to parse.
 */
const goBuiltins = ['and', 'or', 'not', 'len', 'index', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'html', 'urlquery', 'js'];
const sharedWithPrometheus = ['toUpper', 'toLower', 'title', 'match', 'reReplaceAll'];

function pick(names: string[]): Record<string, TemplateFunc> {
  const out: Record<string, TemplateFunc> = {};
  for (const n of names) {
    const f = templateFunctions[n];
    if (f) out[n] = f;
  }
  return out;
}

const stringsOf = (v: GoValue): string[] => {
  if (typeof v === 'object' && v !== null && v.kind === 'slice') return v.items.map((i) => (typeof i === 'string' ? i : formatV(i)));
  throw new Error('wrong type for value; expected []string');
};

/**
 * `onSafe` is told every value safeHtml marks as trusted, so the HTML escaper can leave exactly
 * those unescaped (html/template's template.HTML type).
 */
export function alertmanagerFunctions(onSafe?: (s: string) => void): Record<string, TemplateFunc> {
  return {
    ...pick(goBuiltins),
    ...pick(sharedWithPrometheus),
    join: { params: ['string', 'any'], call: ([sep, list]) => stringsOf(list ?? null).join(sep as string) },
    safeHtml: {
      params: ['string'],
      call: ([s]) => {
        onSafe?.(s as string);
        return s;
      },
    },
    stringSlice: { params: [], variadic: 'string', call: (args): GoSlice => ({ kind: 'slice', type: '[]string', items: args }) },
  };
}

export const alertmanagerFunctionNames: ReadonlySet<string> = new Set(Object.keys(alertmanagerFunctions()));
