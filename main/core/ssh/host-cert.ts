import sshpk from 'sshpk';
import { certAuthoritiesFor, keyTypeOfBlob, sha256Fingerprint, type KnownHostLine } from './known-hosts';

export type HostCertCheck =
  /** Signed by a CA on record for this host, in its validity period, for this host name. */
  | { status: 'valid'; file: string; line: number; keyId: string; caFingerprint: string; subjectKey: Buffer }
  /** A certificate, but not one we can accept (reason says why). */
  | { status: 'invalid'; reason: string; subjectKey: Buffer | null };

/** Whether a key blob is an OpenSSH certificate (`ssh-ed25519-cert-v01@openssh.com`, ...). */
export function isCertificateBlob(blob: Buffer): boolean {
  return keyTypeOfBlob(blob).endsWith('-cert-v01@openssh.com');
}

/** The host's own key inside a certificate, as an SSH public-key blob. */
export function certificateSubjectKey(blob: Buffer): Buffer | null {
  try {
    return sshpk.parseCertificate(Buffer.from(`${keyTypeOfBlob(blob)} ${blob.toString('base64')}`), 'openssh').subjectKey.toBuffer('rfc4253');
  } catch {
    return null;
  }
}

/**
 * Verifies a host certificate as OpenSSH does for an `@cert-authority` line: a host (not user)
 * certificate, signed by one of the CA keys on record for `name`, valid now, and naming the host
 * among its principals (exactly; a certificate without principals is valid for any host, as in
 * OpenSSH 9.2). `name` is what hostKeyName returns; the port is dropped for the principal check.
 * A @revoked CA key never vouches.
 */
export function verifyHostCertificate(lines: readonly KnownHostLine[], name: string, blob: Buffer, now: Date): HostCertCheck {
  let cert: sshpk.Certificate;
  try {
    cert = sshpk.parseCertificate(Buffer.from(`${keyTypeOfBlob(blob)} ${blob.toString('base64')}`), 'openssh');
  } catch (err) {
    return { status: 'invalid', reason: `unreadable host certificate: ${(err as Error).message}`, subjectKey: null };
  }
  const subjectKey = cert.subjectKey.toBuffer('rfc4253');
  const authorities = certAuthoritiesFor(lines, name);
  if (authorities.length === 0) return { status: 'invalid', reason: `no @cert-authority line in known_hosts covers ${name}`, subjectKey };
  const revoked = lines.filter((l) => l.marker === 'revoked');
  const signer = authorities.find((ca) => {
    if (revoked.some((r) => r.key.equals(ca.key))) return false;
    try {
      const caKey = sshpk.parseKey(Buffer.from(`${ca.keyType} ${ca.key.toString('base64')}`), 'ssh');
      return cert.isSignedByKey(caKey);
    } catch {
      return false;
    }
  });
  if (!signer) return { status: 'invalid', reason: `the host certificate is not signed by any @cert-authority on record for ${name}`, subjectKey };
  const where = `${signer.file}:${signer.line}`;
  if (cert.subjects.some((s) => s.type !== 'host')) return { status: 'invalid', reason: `a user certificate was presented as a host certificate (CA ${where})`, subjectKey };
  if (now < cert.validFrom || now >= cert.validUntil) {
    return { status: 'invalid', reason: `the host certificate is valid from ${cert.validFrom.toISOString()} to ${cert.validUntil.toISOString()}, not now`, subjectKey };
  }
  const host = /^\[(.+)\]:\d+$/.exec(name)?.[1] ?? name;
  const principals = cert.subjects.map((s) => s.hostname ?? '').filter((p) => p !== '*');
  if (principals.length > 0 && !principals.includes(host)) {
    return { status: 'invalid', reason: `the host certificate names ${principals.join(', ')}, not ${host}`, subjectKey };
  }
  const keyId = (cert.signatures as { openssh?: { keyId?: string } }).openssh?.keyId ?? '';
  return { status: 'valid', file: signer.file, line: signer.line, keyId, caFingerprint: sha256Fingerprint(signer.key), subjectKey };
}
