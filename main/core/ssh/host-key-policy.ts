import { AppError } from '../shared/errors';
import type { SshEndpoint } from './host-resolve';
import { isCertificateBlob, verifyHostCertificate } from './host-cert';
import { checkHostKey, hostKeyName, keyTypeOfBlob, sha256Fingerprint, type KnownHostLine } from './known-hosts';
import type { HopKey } from './types';

/** What to do with the key a host presented, decided the same way for both transports. */
export type KeyVerdict =
  | { action: 'accept'; key: HopKey; /** Append `blob` to the app's known_hosts (accept-new). */ record: Buffer | null }
  /** StrictHostKeyChecking ask and nobody vouches: a human decides; on yes, `blob` is recorded. */
  | { action: 'ask'; key: HopKey; blob: Buffer }
  | { action: 'refuse'; key: HopKey; error: AppError };

/**
 * The host-key decision of OpenSSH's StrictHostKeyChecking, with one deliberate difference: a
 * changed or revoked key is refused in every mode (OpenSSH `no` would still log in, which is how a
 * man-in-the-middle gets the session).
 * - yes: only keys on record (or vouched for by a CA) are accepted; nothing is ever asked.
 * - accept-new: unknown keys are trusted unattended and recorded in the app's file.
 * - ask: unknown keys go to the human.
 * - no: unknown keys are accepted without a record and with a warning on the timeline.
 */
export function judgeHostKey(endpoint: SshEndpoint, lines: readonly KnownHostLine[], presented: Buffer, now: Date): KeyVerdict {
  const name = hostKeyName(endpoint);
  const where = `${endpoint.alias} (${endpoint.hostname}:${endpoint.port}${endpoint.hostKeyAlias ? `, HostKeyAlias ${endpoint.hostKeyAlias}` : ''})`;
  let blob = presented;
  let certProblem = '';
  if (isCertificateBlob(presented)) {
    const cert = verifyHostCertificate(lines, name, presented, now);
    const certKey = (detail: string): HopKey => ({ host: endpoint.alias, hostname: endpoint.hostname, port: endpoint.port, keyType: keyTypeOfBlob(presented), fingerprint: sha256Fingerprint(cert.subjectKey ?? presented), decision: 'certificate', detail });
    if (cert.status === 'valid') return { action: 'accept', key: certKey(`certificate "${cert.keyId}" signed by CA ${cert.caFingerprint} (${cert.file}:${cert.line})`), record: null };
    // As OpenSSH: a certificate that does not check out is judged as the plain key inside it.
    if (!cert.subjectKey) return { action: 'refuse', key: certKey(cert.reason), error: new AppError('forbidden', `host key of ${where} refused: ${cert.reason}`) };
    blob = cert.subjectKey;
    certProblem = ` (its certificate was not accepted: ${cert.reason})`;
  }
  const keyType = keyTypeOfBlob(blob);
  const fingerprint = sha256Fingerprint(blob);
  const key = (decision: HopKey['decision'], detail: string): HopKey => ({ host: endpoint.alias, hostname: endpoint.hostname, port: endpoint.port, keyType, fingerprint, decision, detail });
  const status = checkHostKey(lines, name, blob);
  const mode = endpoint.strictHostKeyChecking;
  switch (status.status) {
    case 'known':
      return { action: 'accept', key: key('known', `${status.file}:${status.line}`), record: null };
    case 'changed':
      return {
        action: 'refuse',
        key: key('known', `changed; on record in ${status.file}:${status.line}`),
        error: new AppError(
          'forbidden',
          `WARNING: the host key of ${where} HAS CHANGED. It now presents ${keyType} ${fingerprint}, ` +
            `which differs from the key recorded in ${status.file} line ${status.line}. Someone may be intercepting the connection. ` +
            `Refused (in every StrictHostKeyChecking mode); if the host was really reinstalled, remove that line after checking the new fingerprint out of band.`,
        ),
      };
    case 'revoked':
      return { action: 'refuse', key: key('known', `revoked in ${status.file}:${status.line}`), error: new AppError('forbidden', `the host key of ${where} (${fingerprint}) is marked @revoked in ${status.file} line ${status.line}; refused`) };
    case 'unknown':
      break;
  }
  switch (mode) {
    case 'yes':
      return {
        action: 'refuse',
        key: key('known', 'unknown'),
        error: new AppError('forbidden', `no host key of ${where} is known (${keyType} ${fingerprint})${certProblem} and StrictHostKeyChecking is yes: refused, nothing was run. Add the key to known_hosts after checking it out of band.`),
      };
    case 'accept-new':
      return { action: 'accept', key: key('accepted-new', `unknown key trusted by StrictHostKeyChecking accept-new and recorded in the app's known_hosts${certProblem}`), record: blob };
    case 'no':
      return { action: 'accept', key: key('unchecked', `WARNING: host key not verified (StrictHostKeyChecking no); nothing on record for ${name}${certProblem}`), record: null };
    case 'ask':
      return { action: 'ask', key: key('trusted-by-user', `trusted by the engineer and recorded in the app's known_hosts${certProblem}`), blob };
  }
}
