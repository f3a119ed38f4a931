import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfigStore, parseConfigText } from '../../../main/core/composed-config';
import { tempHome } from '../../support/temp-home';

const good = `targets:
  - name: api
    url: https://api.example.com/health
    interval: 30s
    timeout: 5s
`;

describe('config.yml parsing', () => {
  it('parses durations into milliseconds and fills defaults', () => {
    const result = parseConfigText(good, 'config.yml');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.targets[0]).toMatchObject({ name: 'api', interval: 30_000, timeout: 5_000, conditions: [], failureThreshold: 2, successThreshold: 1 });
    expect(result.config.prometheus).toEqual([]);
  });

  it('names file, line, column and field of a bad value', () => {
    const text = good.replace('interval: 30s', 'interval: thirty');
    const result = parseConfigText(text, '/home/u/config.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({ file: '/home/u/config.yml', line: 4, column: 5, field: 'targets[0].interval', message: expect.stringContaining('not a duration') }),
    ]);
  });

  it('rejects a timeout that is not shorter than the interval', () => {
    const result = parseConfigText(good.replace('timeout: 5s', 'timeout: 60s'), 'c.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ field: 'targets[0].timeout', line: 5, message: 'timeout must be shorter than interval' });
  });

  it('points at a missing required field through its parent', () => {
    const result = parseConfigText('targets:\n  - name: api\n', 'c.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ field: 'targets[0].url', line: 2 });
  });

  it('reports unknown keys (a typo must not silently disable something)', () => {
    const result = parseConfigText('targetz: []\n', 'c.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ line: 1, column: 1, message: expect.stringContaining('targetz') });
  });

  it('reports YAML syntax errors with their position', () => {
    const result = parseConfigText('targets:\n  - name: [unclosed\n', 'c.yml');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues[0]).toMatchObject({ field: '(yaml)', line: expect.any(Number) });
    expect(result.issues[0]!.line).toBeGreaterThanOrEqual(2);
  });
});

describe('the config store', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('keeps the last good config when the file breaks, and recovers when it is fixed', () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const file = join(t.home, 'config.yml');
    writeFileSync(file, good);
    const store = openConfigStore(file);
    expect(store.reload()).toBe(true);
    writeFileSync(file, good.replace('name: api', 'name: "bad name!"'));
    expect(store.reload()).toBe(false);
    expect(store.current().targets[0]?.name).toBe('api');
    expect(store.state().issues[0]).toMatchObject({ field: 'targets[0].name', line: 2 });
    writeFileSync(file, good.replace('name: api', 'name: api2'));
    expect(store.reload()).toBe(true);
    expect(store.current().targets[0]?.name).toBe('api2');
    expect(store.state().issues).toEqual([]);
  });

  it('reloads by itself when the file changes on disk', async () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const file = join(t.home, 'config.yml');
    writeFileSync(file, good);
    const store = openConfigStore(file);
    store.reload();
    store.watch();
    try {
      writeFileSync(file, good.replace('name: api', 'name: watched'));
      await expect.poll(() => store.current().targets[0]?.name, { timeout: 5000 }).toBe('watched');
    } finally {
      store.close();
    }
  });
});
