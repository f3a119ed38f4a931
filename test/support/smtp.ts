import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './peer';

/** One message as the SMTP server received it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
  tls: boolean;
  auth: boolean;
  helo: string;
}

export interface SmtpPeer {
  port: number;
  /** A throw-away self-signed certificate (PEM) the server presents, when TLS is on. */
  certFile: string | null;
  messages: ReceivedMail[];
  next(timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

const python = process.env.DEBIAN_PYTHON ?? '/usr/bin/python3';

/** Debian's aiosmtpd on 127.0.0.1: plain, STARTTLS, or implicit TLS; AUTH when a user is given. */
export async function startSmtp(options: { tls?: 'starttls' | 'implicit'; user?: string; password?: string; reject?: string; port?: number } = {}): Promise<SmtpPeer> {
  if (!existsSync(python)) throw new Error(`${python} not found: apt-get install python3-aiosmtpd (Debian's python, not pyenv's)`);
  const dir = mkdtempSync(join(tmpdir(), 'oncall-smtp-'));
  const args = [fileURLToPath(new URL('./smtp-server.py', import.meta.url)), '--port', String(options.port ?? (await freePort()))];
  let certFile: string | null = null;
  if (options.tls) {
    certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certFile], { stdio: 'ignore' });
    args.push('--cert', certFile, '--key', keyFile);
    if (options.tls === 'implicit') args.push('--implicit-tls');
  }
  if (options.user) args.push('--user', options.user, '--password', options.password ?? '');
  if (options.reject) args.push('--reject', options.reject);
  const port = Number(args[2]);
  const child: ChildProcess = spawn(python, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const messages: ReceivedMail[] = [];
  const waiters: ((m: ReceivedMail) => void)[] = [];
  let log = '';
  let buffer = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      buffer += d.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line === 'ready') resolve();
        else if (line.startsWith('{')) {
          const m = JSON.parse(line) as ReceivedMail;
          messages.push(m);
          waiters.shift()?.(m);
        }
      }
    });
    child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
    child.once('exit', (code) => reject(new Error(`aiosmtpd exited (${code}):\n${log}`)));
  });
  await ready;
  let taken = 0;
  return {
    port,
    certFile,
    messages,
    next: (timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        if (messages.length > taken) {
          resolve(messages[taken++] as ReceivedMail);
          return;
        }
        const timer = setTimeout(() => reject(new Error(`no mail within ${timeoutMs} ms\n${log}`)), timeoutMs);
        waiters.push((m) => {
          clearTimeout(timer);
          taken++;
          resolve(m);
        });
      }),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
