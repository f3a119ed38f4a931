import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AlertsList, IncidentDetail } from '../../../preload/contract';
import { createEngine, type Engine } from '../../../main/core/engine';
import { createChromiumEngine } from '../../../main/core/probes/browser/chromium';
import type { BrowserEngine } from '../../../main/core/probes/browser/engine';
import { cli, projectRoot } from '../../support/cli';
import { invokeOk } from '../../support/engine';
import { tempHome } from '../../support/temp-home';
import { until } from '../../support/until';
import { startPages, type PagesServer } from './browser-pages';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let pages: PagesServer;
let chromium: BrowserEngine;
let engine: Engine | null = null;
let cleanup: () => void = () => undefined;

beforeAll(async () => {
  if (!existsSync(chromiumPath)) throw new Error(`Chromium not found at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  pages = await startPages();
  chromium = createChromiumEngine({ executable: chromiumPath });
});
afterEach(async () => {
  await engine?.close();
  engine = null;
  cleanup();
});
afterAll(async () => {
  await chromium?.close();
  await pages?.close();
});

describe('browser targets in the engine', () => {
  it('a failing page raises an alert linking its screenshot and console errors, which become evidence on the incident it is attached to', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    writeFileSync(
      join(t.home, 'config.yml'),
      `targets:\n  - name: shop\n    kind: browser\n    url: ${pages.url('/throws')}\n    interval: 1m\n    failureThreshold: 1\n    conditions:\n      - "[JS_ERRORS] == 0"\n`,
    );
    engine = createEngine({
      home: t.home,
      resourcesDir: join(projectRoot, 'resources'),
      ports: { face: 'web', notify: () => undefined, openExternal: () => Promise.resolve() },
      browserEngine: () => ({ visit: (u, o) => chromium.visit(u, o), close: () => Promise.resolve() }),
    });
    await engine.start();
    const e = engine;
    const alert = await until('TargetDown with evidence', async () => {
      const list = await invokeOk<AlertsList>(e, 'alerts:list', {});
      return list.alerts.find((a) => a.labels.alertname === 'TargetDown' && a.labels.target === 'shop' && a.annotations.screenshot);
    });
    expect(alert.state).toBe('firing');
    const screenshot = fileURLToPath(alert.annotations.screenshot!);
    expect(screenshot.startsWith(join(t.home, 'evidence', 'browser', 'shop'))).toBe(true);
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
    expect(readFileSync(fileURLToPath(alert.annotations.console_errors!), 'utf8')).toContain('checkout is undefined');
    expect(alert.annotations.description).toContain('[JS_ERRORS] (2) == 0');

    const { incidentId } = await invokeOk<{ incidentId: string }>(e, 'alerts:open-incident', { fingerprints: [alert.fingerprint] });
    const entry = await until('evidence entry', async () => {
      const detail = await invokeOk<IncidentDetail>(e, 'incidents:get', { id: incidentId });
      return detail.timeline.find((x) => x.kind === 'evidence');
    });
    expect(entry.data).toMatchObject({ url: alert.annotations.screenshot, screenshot: alert.annotations.screenshot, consoleErrors: alert.annotations.console_errors, fingerprint: alert.fingerprint });
    expect(entry.text).toContain('Browser check of shop failed');
    // Once per failure episode: further alert changes add nothing.
    await invokeOk(e, 'alerts:ack', { fingerprints: [alert.fingerprint] });
    const detail = await invokeOk<IncidentDetail>(e, 'incidents:get', { id: incidentId });
    expect(detail.timeline.filter((x) => x.kind === 'evidence')).toHaveLength(1);
    const status = (await invokeOk<{ targets: { name: string; kind: string }[] }>(e, 'monitoring:targets', {})).targets.find((x) => x.name === 'shop');
    expect(status?.kind).toBe('browser');
  });

  it('config check: an interval under a minute is an error naming file, line and field; browser placeholders on an http target too', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const file = join(t.home, 'config.yml');
    writeFileSync(
      file,
      [
        'targets:',
        '  - name: shop',
        '    kind: browser',
        '    url: http://127.0.0.1:1/',
        '    interval: 30s',
        '    timeout: 10s',
        '  - name: api',
        '    url: http://127.0.0.1:1/health',
        '    conditions:',
        '      - "[PAGE_LOAD] < 3000"',
        '',
      ].join('\n'),
    );
    const result = await cli(['--home', t.home, 'config', 'check', '--json']);
    expect(result.code).toBe(1);
    const problems = (JSON.parse(result.stdout) as { problems: { file: string; line: number | null; field: string; message: string; severity: string }[] }).problems;
    const errors = problems.filter((p) => p.severity === 'error').map((p) => ({ file: p.file, line: p.line, field: p.field, message: p.message }));
    expect(errors).toEqual([
      { file, line: 5, field: 'targets[0].interval', message: expect.stringContaining('interval must be at least 1m') },
      { file, line: 10, field: 'targets[1].conditions[0]', message: '[PAGE_LOAD] only exist on targets with kind: browser' },
    ]);
  });
});
