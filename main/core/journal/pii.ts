import type { PiiWarning } from '../../../preload/contract/incidents';

// Seed 002 section 6: no personal data in incident records; use a correlation id. These patterns
// aim at what people paste during an incident (a customer's address, a phone number, an IBAN);
// they warn and never block, so a false positive costs one glance.
// Bounded repetitions: an unbounded local part backtracks quadratically on a long run of letters.
const emailRe = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g;
// International (+49 ...) or national (0171 ...) numbers with at least 8 digits; dates, times and
// version numbers do not start like that.
const phoneRe = /(?<![\w.])(?:\+\d{1,3}[\s./-]?|\(0\d{1,4}\)\s?|0\d{2,4}[\s./-]?)\d[\d\s./-]{5,14}\d(?![\w.])/g;
const ibanRe = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b/g;

const advice = 'Avoid personal data in the journal (seed 002 §6): use a correlation id instead.';

function mask(text: string): string {
  if (text.includes('@')) {
    const [user = '', domain = ''] = text.split('@');
    return `${user.slice(0, 1)}***@${domain}`;
  }
  const compact = text.replace(/\s/g, '');
  return `${compact.slice(0, 4)}${'*'.repeat(Math.max(3, compact.length - 6))}${compact.slice(-2)}`;
}

/** Checks an IBAN candidate with the ISO 13616 mod-97 rule, so random capitals+digits are not flagged. */
function validIban(candidate: string): boolean {
  const s = candidate.replace(/ /g, '');
  if (s.length < 15 || s.length > 34) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const code = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of code) rest = (rest * 10 + Number(digit)) % 97;
  }
  return rest === 1;
}

/** Warnings for e-mail addresses, phone numbers and IBANs in `text` (at most 5 per kind). */
export function checkPii(text: string): PiiWarning[] {
  const warnings: PiiWarning[] = [];
  const seen = new Set<string>();
  const add = (kind: PiiWarning['kind'], match: string, what: string) => {
    if (seen.has(match) || warnings.filter((w) => w.kind === kind).length >= 5) return;
    seen.add(match);
    warnings.push({ kind, sample: mask(match), message: `This looks like ${what} (${mask(match)}). ${advice}` });
  };
  // Long texts (runbook output) are checked in their first 200 kB only: a warning, not a scan.
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (sample.includes('@')) for (const m of sample.matchAll(emailRe)) add('email', m[0], 'an e-mail address');
  const ibans: [number, number][] = [];
  for (const m of sample.matchAll(ibanRe)) {
    if (!validIban(m[0])) continue;
    ibans.push([m.index, m.index + m[0].length]);
    add('iban', m[0], 'an IBAN');
  }
  for (const m of sample.matchAll(phoneRe)) {
    // The digit groups of an IBAN look like a phone number too; one warning per string is enough.
    if (ibans.some(([from, to]) => m.index < to && m.index + m[0].length > from)) continue;
    const digits = m[0].replace(/\D/g, '');
    if (digits.length >= 8 && digits.length <= 15) add('phone', m[0].trim(), 'a phone number');
  }
  return warnings;
}
