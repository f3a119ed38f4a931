import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../../../main/core/composed-config';
import { defaultHome, ensureHome, resolveHome } from '../../../main/core/home';
import { tempHome } from '../../support/temp-home';

describe('the data directory', () => {
  let cleanup = () => undefined as void;
  afterEach(() => cleanup());

  it('follows the Electron userData location per platform', () => {
    expect(defaultHome('linux', { XDG_CONFIG_HOME: '/x/cfg' }, '/home/u')).toBe('/x/cfg/oncall-console');
    expect(defaultHome('linux', {}, '/home/u')).toBe('/home/u/.config/oncall-console');
    expect(defaultHome('darwin', {}, '/Users/u')).toBe('/Users/u/Library/Application Support/oncall-console');
    expect(defaultHome('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'C:\\Users\\u')).toMatch(/Roaming[\\/]oncall-console$/);
  });

  it('prefers --home over ONCALL_HOME over the default', () => {
    expect(resolveHome('/flag', { ONCALL_HOME: '/env' })).toBe('/flag');
    expect(resolveHome(undefined, { ONCALL_HOME: '/env' })).toBe('/env');
    expect(resolveHome(undefined, { XDG_CONFIG_HOME: '/xdg' })).toMatch(/oncall-console$/);
  });

  it('creates config.yml, runbooks/ and rules/ on first start and never overwrites them', () => {
    const t = tempHome();
    cleanup = t.cleanup;
    const home = join(t.home, 'nested');
    expect(ensureHome(home).created).toBe(true);
    expect(existsSync(join(home, 'runbooks'))).toBe(true);
    expect(existsSync(join(home, 'rules'))).toBe(true);
    const text = readFileSync(join(home, 'config.yml'), 'utf8');
    expect(text).toContain('# Health endpoints to poll');
    // The commented template must itself be a valid config.
    expect(parseConfigText(text, 'config.yml').ok).toBe(true);
    writeFileSync(join(home, 'config.yml'), 'targets: []\n');
    expect(ensureHome(home).created).toBe(false);
    expect(readFileSync(join(home, 'config.yml'), 'utf8')).toBe('targets: []\n');
  });
});
