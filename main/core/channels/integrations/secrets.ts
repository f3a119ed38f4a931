import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import type { SecretResolver } from '../../context';
import { resolveSecrets, secretPattern, SecretError } from '../../probes/secrets';
import { redactUrlsIn } from '../../shared/redact';
import { PermanentError } from './result';

/**
 * Secrets of a receiver (webhook URLs, tokens, SMTP passwords) are read when a message is sent,
 * never kept: `*_file` as in Alertmanager (the file's content, trimmed), or a `keychain:NAME` /
 * `${env:NAME}` reference in the field itself, resolved through the face's SecretResolver (the same
 * port probe headers use). Every value read is remembered by the send's Secrets, which masks it
 * out of anything that is reported back (the server's answer, error messages).
 */
export class Secrets {
  private readonly seen = new Set<string>();

  constructor(
    private readonly resolver: SecretResolver,
    /** Relative `*_file` paths are read from the folder of the file that names them (alertmanager.yml). */
    private readonly baseDir: string,
  ) {}

  /** A field's value: inline (refs resolved) or from its `_file`; undefined when neither is set. */
  async field(name: string, inline: string | undefined, file: string | undefined): Promise<string | undefined> {
    if (inline !== undefined && inline !== '') {
      let value: string;
      try {
        value = secretPattern.test(inline) ? await resolveSecrets(inline, this.resolver) : inline;
      } catch (err) {
        if (err instanceof SecretError) throw new PermanentError(`${name}: ${err.message}`);
        throw err;
      }
      this.remember(value);
      return value;
    }
    if (file !== undefined && file !== '') {
      let text: string;
      try {
        text = await readFile(resolvePath(this.baseDir, file), 'utf8');
      } catch (err) {
        throw new PermanentError(`${name}_file: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
      }
      const value = text.trim();
      this.remember(value);
      return value;
    }
    return undefined;
  }

  async required(name: string, inline: string | undefined, file: string | undefined): Promise<string> {
    const value = await this.field(name, inline, file);
    if (value === undefined || value === '') throw new PermanentError(`${name} is not set (give ${name} or ${name}_file)`);
    return value;
  }

  remember(value: string): void {
    if (value.length < 4) return;
    this.seen.add(value);
    // A secret URL's path and query are the secret (Slack/Teams webhooks): mask them wherever they
    // appear on their own, e.g. in an error that quotes the path.
    try {
      const url = new URL(value);
      const rest = url.pathname + url.search;
      if (rest.length > 8) this.seen.add(rest);
      if (url.password) this.seen.add(decodeURIComponent(url.password));
      // A server may quote just a token: query values and long path segments (Slack's last part).
      for (const v of url.searchParams.values()) if (v.length >= 6) this.seen.add(v);
      for (const seg of url.pathname.split('/')) if (seg.length >= 16) this.seen.add(seg);
    } catch {
      // not a URL
    }
    const encoded = encodeURIComponent(value);
    if (encoded !== value) this.seen.add(encoded);
  }

  /** `text` with every secret read during this send replaced by `***`, and URL credentials masked. */
  mask(text: string): string {
    let out = text;
    // Longest first, so a URL is masked whole before its path is.
    for (const s of [...this.seen].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    return redactUrlsIn(out);
  }
}

/** Where a secret URL is shown (errors, the journal): scheme and host only. */
export function secretUrlOrigin(url: string): string {
  try {
    return `${new URL(url).origin}/<secret>`;
  } catch {
    return '<secret>';
  }
}
