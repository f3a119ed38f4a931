import { mkdirSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveStatic } from '../../../main/web/static-files';
import { tempHome } from '../../support/temp-home';

/** What serveStatic wrote, without a socket. */
function capture(): { res: ServerResponse; status: () => number; body: () => string } {
  let status = 0;
  let body = '';
  const res = {
    writeHead(code: number) {
      status = code;
      return res;
    },
    end(chunk?: Buffer | string) {
      body = chunk === undefined ? '' : chunk.toString();
      return res;
    },
  } as unknown as ServerResponse;
  return { res, status: () => status, body: () => body };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function rendererDir(): string {
  const t = tempHome('oncall-static-');
  cleanups.push(t.cleanup);
  const dir = join(t.home, 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ui</title>');
  writeFileSync(join(t.home, 'secret.txt'), 'outside the renderer');
  return dir;
}

describe('static files of browser mode', () => {
  it('answers a malformed escape with 400 instead of rejecting (an unhandled rejection ends the server)', async () => {
    const out = capture();
    await expect(serveStatic(rendererDir(), '/%E0%A4%A', out.res, {})).resolves.toBeUndefined();
    expect(out.status()).toBe(400);
  });

  it('never serves a file outside the renderer folder, encoded or not', async () => {
    const dir = rendererDir();
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const out = capture();
      await serveStatic(dir, path, out.res, {});
      expect(out.body(), path).not.toContain('outside the renderer');
    }
  });
});
