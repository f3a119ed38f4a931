import { quote } from 'shell-quote';
import { placeholderPattern, scanPlaceholders, templateKeywords } from '../placeholders';

/**
 * Where a placeholder sits in a POSIX shell script decides how its value is inserted so that it
 * always arrives as literal text (`x; rm -rf /` and `$(id)` stay one argument, never code).
 */
type Context = 'plain' | 'single' | 'double' | 'backtick' | 'heredoc' | 'comment';

export interface ShellSlot {
  /** Empty for an escape (`{{"{{"}}`), whose text is `literal`. */
  name: string;
  literal?: string;
  /** Offset of the `{{` in the template. */
  offset: number;
  length: number;
  context: Context;
}

/**
 * Walks the script with a small quoting state machine: quotes, `$(…)`, `${…}`, `(…)`, backticks,
 * comments and here-documents. It does not need to understand the shell, only to know, at each
 * placeholder, which quoting is open.
 */
export function findShellSlots(script: string): ShellSlot[] {
  const slots: ShellSlot[] = [];
  const stack: ('plain' | 'single' | 'double' | 'backtick' | 'subst' | 'brace' | 'paren')[] = ['plain'];
  const pendingHeredocs: string[] = [];
  let heredocEnd: string | undefined;
  let i = 0;
  const top = () => stack[stack.length - 1] ?? 'plain';
  while (i < script.length) {
    if (heredocEnd !== undefined) {
      // Inside a here-document body: a whole line at a time until the delimiter line.
      const lineEnd = script.indexOf('\n', i) === -1 ? script.length : script.indexOf('\n', i);
      const line = script.slice(i, lineEnd);
      if (line.replace(/^\t+/, '') === heredocEnd) {
        heredocEnd = pendingHeredocs.shift();
      } else {
        for (const m of scanPlaceholders(line)) pushSlot(slots, m, i, 'heredoc');
      }
      i = lineEnd + 1;
      continue;
    }
    const ctx = top();
    if (script.startsWith('{{', i)) {
      const m = new RegExp(placeholderPattern.source, 'y');
      m.lastIndex = i;
      const match = m.exec(script);
      if (match) {
        // Inside backticks the shell strips a layer of backslashes before parsing again, so no quoting
        // survives reliably there, whatever quotes are open inside them.
        const context: Context = stack.includes('backtick') ? 'backtick' : ctx === 'single' ? 'single' : ctx === 'double' ? 'double' : 'plain';
        pushSlot(slots, match[1] !== undefined ? { literal: match[1], offset: 0, length: match[0].length } : { name: match[2] ?? '', offset: 0, length: match[0].length }, i, context);
        i += match[0].length;
        continue;
      }
    }
    const ch = script[i] ?? '';
    if (ctx === 'single') {
      if (ch === "'") stack.pop();
      i++;
      continue;
    }
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ctx === 'double') {
      if (ch === '"') stack.pop();
      else if (script.startsWith('$(', i)) {
        stack.push('subst');
        i++;
      } else if (script.startsWith('${', i)) {
        stack.push('brace');
        i++;
      } else if (ch === '`') stack.push('backtick');
      i++;
      continue;
    }
    // plain, subst, brace, paren, backtick
    if (ch === "'") stack.push('single');
    else if (ch === '"') stack.push('double');
    else if (ch === '`') {
      if (ctx === 'backtick') stack.pop();
      else stack.push('backtick');
    } else if (script.startsWith('$(', i)) {
      stack.push('subst');
      i++;
    } else if (script.startsWith('${', i)) {
      stack.push('brace');
      i++;
    } else if (ch === '(') stack.push('paren');
    else if (ch === ')' && (ctx === 'subst' || ctx === 'paren')) stack.pop();
    else if (ch === '}' && ctx === 'brace') stack.pop();
    else if (ch === '#' && (i === 0 || /[\s;&|(]/.test(script[i - 1] ?? ''))) {
      // A comment runs to the end of the line; placeholders in it are filled for the reader.
      const lineEnd = script.indexOf('\n', i);
      const comment = script.slice(i, lineEnd === -1 ? script.length : lineEnd);
      for (const m of scanPlaceholders(comment)) pushSlot(slots, m, i, 'comment');
      i += comment.length;
      continue;
    } else if (script.startsWith('<<', i) && !script.startsWith('<<<', i)) {
      const m = /^<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\1/.exec(script.slice(i));
      if (m) {
        pendingHeredocs.push(m[2] ?? '');
        i += m[0].length;
        continue;
      }
    } else if (ch === '\n' && pendingHeredocs.length > 0 && (ctx === 'plain' || ctx === 'paren' || ctx === 'subst')) {
      heredocEnd = pendingHeredocs.shift();
    }
    i++;
  }
  return slots;
}

/** Records a placeholder or escape found at `base + m.offset`; template keywords (`{{end}}`) are plain text. */
function pushSlot(slots: ShellSlot[], m: { name?: string; literal?: string; offset: number; length: number }, base: number, context: Context): void {
  if (m.name !== undefined && templateKeywords.has(m.name)) return;
  slots.push({ name: m.name ?? '', ...(m.literal !== undefined ? { literal: m.literal } : {}), offset: base + m.offset, length: m.length, context });
}

/** Quotes one value for the context it lands in. Throws where no quoting is safe. */
export function quoteForShell(value: string, context: Context): string {
  const word = quote([value]);
  switch (context) {
    // A line break would end the comment and turn the rest of the value into a command.
    case 'comment':
      return value.replace(/[\r\n\u2028\u2029]+/g, ' ');
    case 'plain':
      return word;
    // Close the open quote, add the quoted word, reopen: the shell joins the three into one word.
    case 'double':
      return `"${word}"`;
    case 'single':
      return `'${word}'`;
    // Only values that need no quoting at all go in (the stripped backslash layer breaks any quoting).
    case 'backtick':
      if (/^[A-Za-z0-9_.:/@%+=,-]+$/.test(value)) return value;
      throw new Error('inside `backticks` only plain values (letters, digits and . _ : / @ % + = , -) can go; use $(…) instead of backticks for any other value');
    case 'heredoc':
      throw new Error('placeholders inside a here-document cannot be quoted safely; pass the value as an argument or with printf');
  }
}

/**
 * Fills the placeholders of a shell script. `value(name)` returns undefined when there is no value:
 * a name that `known` says is a placeholder is then reported, any other `{{name}}` is text the
 * author meant literally and stays as written. `masked(name)` marks secrets in the display copy.
 */
export function renderShell(script: string, value: (name: string) => string | undefined, errors: string[], masked: (name: string) => boolean = () => false, known: (name: string) => boolean = () => true): string {
  let out = '';
  let last = 0;
  for (const slot of findShellSlots(script)) {
    out += script.slice(last, slot.offset);
    last = slot.offset + slot.length;
    if (slot.literal !== undefined) {
      out += slot.literal;
      continue;
    }
    const v = value(slot.name);
    if (v === undefined) {
      if (known(slot.name)) errors.push(`{{${slot.name}}} has no value`);
      out += script.slice(slot.offset, last);
      continue;
    }
    if (masked(slot.name)) {
      // Display only: a readable *** where the secret goes; this text is never executed.
      out += '***';
      continue;
    }
    try {
      out += quoteForShell(v, slot.context);
    } catch (err) {
      errors.push(`{{${slot.name}}}: ${(err as Error).message}`);
      out += script.slice(slot.offset, last);
    }
  }
  return out + script.slice(last);
}
