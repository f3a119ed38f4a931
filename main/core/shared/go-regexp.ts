/**
 * Go's regexp (RE2) as JavaScript RegExp for reReplaceAll and match: named groups and leading
 * inline flags are rewritten; replacement templates follow Go's $name / ${name} rules.
 */
export function goRegExp(pattern: string, global: boolean): RegExp {
  let flags = global ? 'g' : '';
  let body = pattern;
  const inline = /^\(\?([imsU]+)\)/.exec(body);
  if (inline) {
    body = body.slice(inline[0].length);
    for (const f of inline[1] ?? '') if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  body = body.replace(/\(\?P</g, '(?<').replace(/\\z/g, '$(?![\\s\\S])').replace(/\\A/g, '^');
  try {
    return new RegExp(body, flags);
  } catch (err) {
    throw new Error(`regexp: Compile(${JSON.stringify(pattern)}): ${(err as Error).message}`);
  }
}

/** Go's Regexp.Expand: `$1x` is the group named "1x" (empty), `${1}x` is group 1 then x. */
function expand(template: string, match: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$') {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string;
    let end: number;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      name = close === -1 ? '' : template.slice(i + 2, close);
      end = close;
      if (!/^[A-Za-z0-9_]+$/.test(name)) {
        out += c;
        continue;
      }
    } else {
      const m = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (!m) {
        out += c;
        continue;
      }
      name = m[0];
      end = i + m[0].length;
    }
    i = end;
    if (/^\d+$/.test(name)) out += match[Number(name)] ?? '';
    else out += match.groups?.[name] ?? '';
  }
  return out;
}

export function reReplaceAll(pattern: string, replacement: string, text: string): string {
  const re = goRegExp(pattern, true);
  let out = '';
  let last = 0;
  let lastMatchEnd = -1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '' ) {
      re.lastIndex++;
      // RE2 skips an empty match right after the previous match.
      if (m.index === lastMatchEnd) continue;
    }
    out += text.slice(last, m.index) + expand(replacement, m);
    last = m.index + m[0].length;
    lastMatchEnd = last;
    if (re.lastIndex > text.length) break;
  }
  return out + text.slice(last);
}
