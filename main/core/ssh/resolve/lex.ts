/**
 * Splitting ssh_config lines the way OpenSSH 9.2's readconf.c does (strdelim for the keyword,
 * argv_split for the arguments), so quoting, `=` and `#` behave exactly like `ssh -G`.
 */

const whitespace = ' \t\r\n';

export interface SplitLine {
  /** Lower-cased: OpenSSH keywords are case-insensitive. */
  keyword: string;
  /** The raw text after the keyword and its separator (ProxyCommand and friends use it verbatim). */
  rest: string;
}

/** Null for blank and comment lines. Throws a message (no location) for a keyword without a value. */
export function splitKeyword(line: string): SplitLine | null {
  // OpenSSH strips trailing whitespace and form feeds before anything else.
  const text = line.replace(/[ \t\r\n\f]+$/, '');
  let i = 0;
  while (i < text.length && whitespace.includes(text.charAt(i))) i++;
  const start = i;
  while (i < text.length && !whitespace.includes(text.charAt(i)) && text.charAt(i) !== '=') i++;
  const keyword = text.slice(start, i);
  if (keyword === '' || keyword.startsWith('#')) return null;
  // One `=` may stand between keyword and value, with whitespace on either side.
  while (i < text.length && whitespace.includes(text.charAt(i))) i++;
  if (text.charAt(i) === '=') i++;
  while (i < text.length && whitespace.includes(text.charAt(i))) i++;
  const rest = text.slice(i);
  if (rest === '') throw new Error(`no argument after keyword "${keyword.toLowerCase()}"`);
  return { keyword: keyword.toLowerCase(), rest };
}

/**
 * argv_split with comments: words split on unquoted blanks; `'` and `"` quote; a backslash escapes
 * a quote, a backslash, or (outside quotes) a space; any other backslash is kept. `#` at the start of
 * a word ends the line.
 */
export function splitArgs(rest: string): string[] {
  const args: string[] = [];
  let i = 0;
  for (;;) {
    while (i < rest.length && (rest.charAt(i) === ' ' || rest.charAt(i) === '\t')) i++;
    if (i >= rest.length || rest.charAt(i) === '#') return args;
    let arg = '';
    let quote = '';
    for (; i < rest.length; i++) {
      const c = rest.charAt(i);
      const next = rest.charAt(i + 1);
      if (c === '\\') {
        if (next === "'" || next === '"' || next === '\\' || (quote === '' && next === ' ')) {
          arg += next;
          i++;
        } else arg += c;
      } else if (quote === '' && (c === ' ' || c === '\t')) break;
      else if (quote === '' && (c === '"' || c === "'")) quote = c;
      else if (quote !== '' && c === quote) quote = '';
      else arg += c;
    }
    if (quote !== '') throw new Error('invalid quotes');
    args.push(arg);
  }
}
