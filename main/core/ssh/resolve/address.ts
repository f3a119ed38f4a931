import { isIPv6 } from 'node:net';

/**
 * inet_aton, which getaddrinfo(AI_NUMERICHOST) uses for IPv4: one to four parts, each decimal, octal
 * (leading 0) or hex (0x); the last part fills the remaining bytes. Null when not an address.
 */
function parseIpv4(text: string): string | null {
  const parts = text.split('.');
  if (parts.length > 4) return null;
  const values: number[] = [];
  for (const part of parts) {
    let value: number;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]*$/.test(part)) value = part === '0' ? 0 : parseInt(part, 8);
    else if (/^[1-9][0-9]*$/.test(part)) value = Number(part);
    else return null;
    values.push(value);
  }
  const last = values.pop() ?? 0;
  if (values.some((v) => v > 255) || last >= 256 ** (4 - values.length)) return null;
  const bytes = [...values];
  for (let i = 3 - values.length; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes.join('.');
}

/** RFC 5952 text of an IPv6 address (what getnameinfo prints), via the URL parser's serialisation. */
function canonicalIpv6(text: string): string {
  return new URL(`http://[${text}]/`).hostname.slice(1, -1);
}

/**
 * What ssh does to the host name before using it: a numeric address is rewritten to its canonical
 * form when that differs (ignoring case), any other name without a colon is lower-cased, and names
 * with a colon are left as written.
 */
export function normaliseHostname(host: string): string {
  const v4 = parseIpv4(host);
  if (v4 !== null) return v4;
  // Scoped and IPv4-embedded forms are printed by getnameinfo in ways the URL parser does not copy.
  if (isIPv6(host) && !host.includes('%') && !host.includes('.')) {
    const canonical = canonicalIpv6(host);
    return canonical.toLowerCase() === host.toLowerCase() ? host : canonical;
  }
  return host.includes(':') ? host : host.toLowerCase();
}
