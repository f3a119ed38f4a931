import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../../../main/core/engine';
import { listBackups } from '../../../main/core/journal/backup';
import { FakeClock } from '../../support/fake-clock';
import { tempHome } from '../../support/temp-home';

/**
 * SQLite's backup API copies on the app's own connection across several event-loop turns; closing
 * the engine in between used to close the database under it ("database connection is not open").
 */
describe('closing the engine while a journal backup runs', () => {
  let t: ReturnType<typeof tempHome> | undefined;
  afterEach(() => {
    vi.restoreAllMocks();
    t?.cleanup();
  });

  const start = async (): Promise<{ engine: Engine; clock: FakeClock; home: string }> => {
    t = tempHome();
    const clock = new FakeClock();
    const engine = createEngine({ home: t.home, resourcesDir: join(process.cwd(), 'resources'), clock, ports: { face: 'cli', notify: () => undefined, openExternal: () => Promise.resolve() } });
    await engine.start();
    return { engine, clock, home: t.home };
  };

  it('waits for the scheduled backup, which completes and is verified', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { engine, clock } = await start();
    // The first backup check runs a minute after start; with no backup yet, one starts now.
    clock.advance(60_000);
    await engine.close();
    expect(listBackups(engine.ctx.paths.backups)).toMatchObject([{ verified: true }]);
    expect(errors.mock.calls.map((c) => String(c[0]))).not.toContainEqual(expect.stringContaining('journal backup failed'));
  });

  it('waits for a backup asked for over the contract, which answers ok', async () => {
    const { engine } = await start();
    const answer = engine.invoke('journal:backup', undefined);
    await engine.close();
    expect(await answer).toMatchObject({ ok: true, value: { verified: true } });
    expect(listBackups(engine.ctx.paths.backups)).toHaveLength(1);
  });
});
