/**
 * Fenced-block info strings in the Runme style: a language, then attributes in braces.
 *   sh {host=api-prod timeout=30s expect_output="active \(running\)"}
 *   sh { name=restart confirm }            (a bare key means "true")
 *   sh {"name":"restart","confirm":"true"} (Runme's newer JSON form)
 */

export interface InfoString {
  language: string;
  attributes: Record<string, string>;
  /** Problems with the attribute syntax; the caller adds file and line. */
  errors: string[];
}

export function parseInfoString(info: string): InfoString {
  const trimmed = info.trim();
  const braceAt = trimmed.indexOf('{');
  const language = (braceAt === -1 ? trimmed.split(/\s+/)[0] ?? '' : trimmed.slice(0, braceAt).trim().split(/\s+/)[0] ?? '').toLowerCase();
  if (braceAt === -1) return { language, attributes: {}, errors: [] };
  const rest = trimmed.slice(braceAt).trim();
  if (!rest.endsWith('}')) return { language, attributes: {}, errors: ['attributes must be closed with "}"'] };
  const inner = rest.slice(1, -1).trim();
  if (inner.startsWith('"')) return { language, ...parseJsonAttributes(rest) };
  return { language, ...parseKeyValues(inner) };
}

function parseJsonAttributes(text: string): { attributes: Record<string, string>; errors: string[] } {
  try {
    const value: unknown = JSON.parse(text);
    const attributes: Record<string, string> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      attributes[key] = typeof v === 'string' ? v : JSON.stringify(v);
    }
    return { attributes, errors: [] };
  } catch (err) {
    return { attributes: {}, errors: [`attributes are not valid JSON: ${(err as Error).message}`] };
  }
}

const keyChar = /[A-Za-z0-9_.-]/;

/** key=value pairs separated by blanks; values bare, "double quoted" (\" and \\ escapes) or 'single quoted'. */
function parseKeyValues(text: string): { attributes: Record<string, string>; errors: string[] } {
  const attributes: Record<string, string> = {};
  const errors: string[] = [];
  let i = 0;
  const skipBlanks = () => {
    while (i < text.length && /[\s,]/.test(text[i] ?? '')) i++;
  };
  skipBlanks();
  while (i < text.length) {
    const start = i;
    while (i < text.length && keyChar.test(text[i] ?? '')) i++;
    const key = text.slice(start, i);
    if (!key) {
      errors.push(`unexpected "${text[i] ?? ''}" at column ${i + 1} of the attributes`);
      break;
    }
    if (text[i] !== '=') {
      attributes[key] = 'true';
      skipBlanks();
      continue;
    }
    i++;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      const read = readQuoted(text, i);
      if (read.value === undefined) {
        errors.push(`${key}: the quoted value is not closed`);
        break;
      }
      attributes[key] = read.value;
      i = read.end;
    } else {
      const valueStart = i;
      while (i < text.length && !/\s/.test(text[i] ?? '')) i++;
      attributes[key] = text.slice(valueStart, i);
    }
    if (key in attributes && i < text.length && !/[\s,]/.test(text[i] ?? '')) {
      errors.push(`${key}: put a blank after the value`);
      break;
    }
    skipBlanks();
  }
  return { attributes, errors };
}

function readQuoted(text: string, at: number): { value?: string; end: number } {
  const quote = text[at];
  let out = '';
  let i = at + 1;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === quote) return { value: out, end: i + 1 };
    // Only \" and \\ are escapes inside double quotes: `\(` must reach a regex as written.
    if (quote === '"' && ch === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
      out += text[i + 1];
      i += 2;
      continue;
    }
    out += ch;
    i++;
  }
  return { end: i };
}
