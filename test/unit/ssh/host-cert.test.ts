import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHostCertificate } from '../../../main/core/ssh/host-cert';
import { judgeHostKey } from '../../../main/core/ssh/host-key-policy';
import { endpoint } from '../../../main/core/ssh/host-resolve';
import { parseKnownHosts } from '../../../main/core/ssh/known-hosts';

// Certificates made by the real ssh-keygen, checked by our sshpk-based verifier.
let dir: string;
let seq = 0;

function keygen(name: string): string {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', '', '-f', file], { stdio: 'ignore' });
  return file;
}

const pubLine = (file: string) => readFileSync(`${file}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');

/** Signs a fresh host key with `ca`; returns the certificate's blob. */
function certBlob(ca: string, args: string[]): Buffer {
  const key = keygen(`host-${++seq}`);
  execFileSync('ssh-keygen', ['-q', '-s', ca, '-I', `id-${seq}`, ...args, `${key}.pub`], { stdio: 'ignore' });
  return Buffer.from(readFileSync(`${key}-cert.pub`, 'utf8').split(' ')[1] ?? '', 'base64');
}

let ca: string;
let otherCa: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'oncall-host-cert-'));
  ca = keygen('ca');
  otherCa = keygen('other-ca');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const now = new Date();
const lines = (text: string) => parseKnownHosts(text, 'kh');

describe('verifyHostCertificate (ssh-keygen -s certificates)', () => {
  it('accepts a host certificate signed by the CA on record, naming the host', () => {
    const r = verifyHostCertificate(lines(`@cert-authority *.example.com ${pubLine(ca)}\n`), 'web1.example.com', certBlob(ca, ['-h', '-n', 'web1.example.com']), now);
    expect(r).toMatchObject({ status: 'valid', file: 'kh', line: 1 });
  });

  it('looks the CA up under [host]:port and the bare host, and checks principals without the port', () => {
    const blob = certBlob(ca, ['-h', '-n', 'web1']);
    expect(verifyHostCertificate(lines(`@cert-authority web1 ${pubLine(ca)}\n`), '[web1]:2222', blob, now).status).toBe('valid');
    expect(verifyHostCertificate(lines(`@cert-authority [web1]:2222 ${pubLine(ca)}\n`), '[web1]:2222', blob, now).status).toBe('valid');
  });

  it('refuses a principal mismatch, a foreign CA, a revoked CA, a user certificate and a certificate out of its validity period', () => {
    const onRecord = lines(`@cert-authority * ${pubLine(ca)}\n`);
    expect(verifyHostCertificate(onRecord, 'db1', certBlob(ca, ['-h', '-n', 'web1']), now)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('names web1, not db1') as unknown });
    expect(verifyHostCertificate(onRecord, 'web1', certBlob(otherCa, ['-h', '-n', 'web1']), now)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('not signed') as unknown });
    expect(verifyHostCertificate(lines(`@cert-authority * ${pubLine(ca)}\n@revoked * ${pubLine(ca)}\n`), 'web1', certBlob(ca, ['-h', '-n', 'web1']), now).status).toBe('invalid');
    expect(verifyHostCertificate(onRecord, 'web1', certBlob(ca, ['-n', 'web1']), now)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('user certificate') as unknown });
    expect(verifyHostCertificate(onRecord, 'web1', certBlob(ca, ['-h', '-n', 'web1', '-V', '20200101:20200102']), now)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('not now') as unknown });
    expect(verifyHostCertificate(onRecord, 'web1', certBlob(ca, ['-h', '-n', 'web1', '-V', '+52w:+53w']), now).status).toBe('invalid');
    expect(verifyHostCertificate(lines(`@cert-authority other.host ${pubLine(ca)}\n`), 'web1', certBlob(ca, ['-h', '-n', 'web1']), now)).toMatchObject({ status: 'invalid', reason: expect.stringContaining('no @cert-authority') as unknown });
  });

  it('judges a refused certificate as the plain key inside it, as OpenSSH does', () => {
    const blob = certBlob(ca, ['-h', '-n', 'web1']);
    const host = endpoint({ alias: 'db1', hostname: 'db1', port: 22, user: 'u', identityFiles: [], strictHostKeyChecking: 'yes' });
    const verdict = judgeHostKey(host, lines(`@cert-authority * ${pubLine(ca)}\n`), blob, now);
    expect(verdict.action).toBe('refuse');
    if (verdict.action === 'refuse') expect(verdict.error.message).toMatch(/certificate was not accepted: the host certificate names web1, not db1/);
    const accepted = judgeHostKey({ ...host, alias: 'web1', hostname: 'web1' }, lines(`@cert-authority * ${pubLine(ca)}\n`), blob, now);
    expect(accepted).toMatchObject({ action: 'accept', key: { decision: 'certificate' } });
  });
});
