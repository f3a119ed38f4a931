import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { targetSchema } from '../../../main/core/probes/config';
import { judge } from '../../../main/core/probes/evaluate';
import { createProbeRunner } from '../../../main/core/probes/runner';
import { envSecretResolver } from '../../../main/core/probes/secrets';
import { projectRoot } from '../../support/cli';
import { close, httpServer, listen, tcpServer } from './servers';

/**
 * Gatus's own condition test cases (../shared/corpus/gatus-conditions, 175 cases): a local server
 * answers each case's status and body, the probe runs with the case's condition, and the verdict
 * must be Gatus's. A condition the config refuses counts as unhealthy, as Gatus's Validate does.
 */
interface GatusCase {
  name: string;
  kind: string;
  condition: string;
  status: number;
  body: string;
  response_time_ms: number;
  expected_success: boolean;
  no_server?: boolean;
}

const corpusFile = resolve(projectRoot, process.env.ONCALL_GATUS_CORPUS ?? '../shared/corpus/gatus-conditions/cases.jsonl');

function loadCases(): GatusCase[] {
  if (!existsSync(corpusFile)) {
    throw new Error(`Gatus condition corpus not found at ${corpusFile}: put it there (a sibling ../shared of the repository) or set ONCALL_GATUS_CORPUS to its cases.jsonl`);
  }
  return readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as GatusCase);
}

/** The same content types the corpus's compare.py serves. */
function contentType(body: string): string {
  const text = body.trimStart();
  if (text.startsWith('{') || text.startsWith('[')) {
    try {
      JSON.parse(body);
      return 'application/json';
    } catch {
      // not JSON after all: plain text below
    }
  }
  return text.startsWith('<') ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8';
}

const cases = loadCases();
const runner = createProbeRunner(envSecretResolver({}));
let server: Server;
let port = 0;
let closedPort = 0;

beforeAll(async () => {
  server = httpServer((req, res) => {
    const gatusCase = cases[Number(req.url?.split('/').pop())];
    if (!gatusCase) return void res.writeHead(404).end();
    setTimeout(() => {
      res.writeHead(gatusCase.status || 200, { 'content-type': contentType(gatusCase.body), connection: 'close' });
      res.end(gatusCase.body);
    }, gatusCase.response_time_ms);
  });
  port = await listen(server);
  const spare = tcpServer();
  closedPort = await listen(spare);
  await close(spare);
});

afterAll(async () => {
  runner.close();
  await close(server);
});

/** true when healthy, false when unhealthy or refused by the config schema. */
async function verdict(index: number, gatusCase: GatusCase): Promise<boolean> {
  const url = `http://127.0.0.1:${gatusCase.no_server ? closedPort : port}/case/${index}`;
  const parsed = targetSchema.safeParse({ name: 'gatus', url, interval: '30s', timeout: '10s', conditions: [gatusCase.condition] });
  if (!parsed.success) return false;
  const raw = await runner.run(parsed.data);
  return judge(parsed.data, raw, Date.now()).ok;
}

/** Runs `work` over `items`, `limit` at a time (the slow cases wait up to 2 s on the server). */
async function pooled<T, R>(items: T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  return results;
}

describe('Gatus condition corpus', () => {
  it('has all 175 cases', () => {
    expect(cases).toHaveLength(175);
  });

  it('gives Gatus’s verdict on every case', async () => {
    const got = await pooled(cases, 8, (c, i) => verdict(i, c));
    const differences = cases.flatMap((c, i) => (got[i] === c.expected_success ? [] : [`${c.name}: ${JSON.stringify(c.condition)} expected ${c.expected_success ? 'healthy' : 'unhealthy'}`]));
    expect(differences).toEqual([]);
  }, 60_000);
});
