/**
 * Masks secret values in output that arrives in pieces. A value can straddle two pieces ("hun" +
 * "ter2"), so the last few characters of each piece are held back until the next one (or the end)
 * shows whether they start a secret. Works on strings; byte streams use latin1, where one
 * character is one byte, so a held-back tail never splits a UTF-8 sequence in a harmful way.
 */
export class StreamMasker {
  private carry = '';
  private readonly hold: number;

  constructor(private readonly secrets: readonly string[]) {
    this.hold = Math.max(0, ...secrets.map((s) => s.length - 1));
  }

  /** Text that is safe to release now; the unsure tail waits for the next call. */
  push(text: string): string {
    const masked = this.mask(this.carry + text);
    if (this.hold === 0) return masked;
    this.carry = masked.slice(-this.hold);
    return masked.slice(0, masked.length - this.carry.length);
  }

  /** Whatever is still held back, masked. */
  end(): string {
    const rest = this.mask(this.carry);
    this.carry = '';
    return rest;
  }

  private mask(text: string): string {
    let out = text;
    for (const secret of this.secrets) out = out.split(secret).join('***');
    return out;
  }
}

/** The same masking for raw bytes (what is stored in the database). */
export class ByteStreamMasker {
  private readonly inner: StreamMasker;

  constructor(secrets: readonly string[]) {
    this.inner = new StreamMasker(secrets.map((s) => Buffer.from(s, 'utf8').toString('latin1')));
  }

  push(chunk: Buffer): Buffer {
    return Buffer.from(this.inner.push(chunk.toString('latin1')), 'latin1');
  }

  end(): Buffer {
    return Buffer.from(this.inner.end(), 'latin1');
  }
}
