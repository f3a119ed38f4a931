import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJump, jumpHops, parseHop, parseJump } from '../../../main/core/ssh/resolve/jump';
import { parsePort, parseStrict } from '../../../main/core/ssh/resolve/keywords';
import { splitArgs, splitKeyword } from '../../../main/core/ssh/resolve/lex';
import { parseSshG } from '../../../main/core/ssh/resolve/openssh';
import { matchHostname, matchPattern, matchPatternList } from '../../../main/core/ssh/resolve/pattern';
import { optionLine } from '../../../main/core/ssh/resolve/request';
import { globPaths } from '../../../main/core/ssh/resolve/system';
import { connectionHash, dollarExpand, percentExpand, tildeExpand, type TokenValues } from '../../../main/core/ssh/resolve/tokens';

describe('ssh_config lexing (readconf.c strdelim + argv_split)', () => {
  it('splits the keyword on blanks or one =, lower-cased', () => {
    expect(splitKeyword('  HostName = a.example  ')).toEqual({ keyword: 'hostname', rest: 'a.example' });
    expect(splitKeyword('Port=22')).toEqual({ keyword: 'port', rest: '22' });
    expect(splitKeyword('Port==22')).toEqual({ keyword: 'port', rest: '=22' });
    expect(splitKeyword('# comment')).toBeNull();
    expect(splitKeyword('   ')).toBeNull();
    expect(() => splitKeyword('User')).toThrow('no argument after keyword "user"');
  });
  it('quotes, escapes and comments like argv_split', () => {
    expect(splitArgs('"a b" \'c d\' e\\ f g#h # rest')).toEqual(['a b', 'c d', 'e f', 'g#h']);
    expect(splitArgs('"x\\"y" C:\\keys')).toEqual(['x"y', 'C:\\keys']);
    expect(splitArgs('a"b c"d')).toEqual(['ab cd']);
    expect(() => splitArgs('"open')).toThrow('invalid quotes');
  });
  it('writes -o values that read back unchanged', () => {
    for (const value of ['plain', 'two words', 'q"uote', 'back\\slash', 'hash#tag']) {
      const line = optionLine('User', value);
      const split = splitKeyword(line);
      expect(splitArgs(split?.rest ?? '')).toEqual([value]);
    }
  });
});

describe('patterns (match.c)', () => {
  it('globs with * and ?', () => {
    expect(matchPattern('web1', 'web?')).toBe(true);
    expect(matchPattern('web12', 'web?')).toBe(false);
    expect(matchPattern('api.prod.example', '*.prod.*')).toBe(true);
    expect(matchPattern('a', '*a*')).toBe(true);
    expect(matchPattern('abc', 'a*c*d')).toBe(false);
    expect(matchPattern('FOO', 'foo')).toBe(false);
  });
  it('comma lists: a negated hit wins over every positive one', () => {
    expect(matchPatternList('e', '!e,*', false)).toBe(-1);
    expect(matchPatternList('f', '!e,*', false)).toBe(1);
    expect(matchPatternList('f', '!e', false)).toBe(0);
    expect(matchHostname('WEB', 'web')).toBe(1);
    expect(matchHostname('web', 'W?B')).toBe(1);
  });
});

describe('tokens', () => {
  const v: TokenValues = { host: 'h.example', originalHost: 'h', port: 2222, remoteUser: 'ru', localUser: 'lu', home: '/home/lu', localHost: 'box.lan', uid: 1000, keyAlias: 'ka' };
  it('expands only the tokens a keyword accepts', () => {
    expect(percentExpand('%h:%p %r %n %%', 'hnpr', v)).toBe('h.example:2222 ru h %');
    expect(percentExpand('%d/%u/%L/%l/%i/%k', 'CdhikLlnpru', v)).toBe('/home/lu/lu/box/box.lan/1000/ka');
    expect(() => percentExpand('%d', 'h', v)).toThrow('unknown token %d');
    expect(() => percentExpand('50%', 'h', v)).toThrow('trailing %');
  });
  it('%C is the SHA-1 of %l%h%p%r', () => {
    // sha1("box.lanh.example2222ru"), computed independently with `printf %s ... | sha1sum`.
    expect(connectionHash(v)).toBe('2d7a52aa030c9dff711d7e4c7c4bb360ed404e05');
  });
  it('${VAR} from the environment, ~ from the password database', () => {
    expect(dollarExpand('${A}/x', { A: '/a' })).toBe('/a/x');
    expect(() => dollarExpand('${B}', {})).toThrow('${B} has no value');
    expect(tildeExpand('~/k', '/home/lu')).toBe('/home/lu/k');
    expect(tildeExpand('~', '/home/lu')).toBe('/home/lu');
    expect(tildeExpand('/abs/~', '/home/lu')).toBe('/abs/~');
  });
});

describe('ProxyJump', () => {
  it('parses hops as parse_user_host_port and ssh:// URIs', () => {
    expect(parseHop('ops@gw:2200')).toEqual({ user: 'ops', host: 'gw', port: 2200 });
    expect(parseHop('ssh://u@j1:2')).toEqual({ user: 'u', host: 'j1', port: 2 });
    expect(parseHop('[2001:db8::1]:22')).toEqual({ user: null, host: '2001:db8::1', port: 22 });
    expect(parseHop('@gw')).toBeNull();
    expect(parseHop('gw:0')).toBeNull();
  });
  it('keeps the hops before the last verbatim and prints like ssh -G', () => {
    const jump = parseJump('ssh://a@j1:2,u@[::1]:2200 # note');
    expect(jump).not.toBe('none');
    expect(jump !== null && jump !== 'none' ? formatJump(jump) : '').toBe('ssh://a@j1:2,u@[::1]:2200');
    expect(parseJump('NONE')).toBe('none');
    expect(jumpHops('a,b@c:3')).toEqual([
      { user: null, host: 'a', port: null },
      { user: 'b', host: 'c', port: 3 },
    ]);
  });
});

describe('keyword values', () => {
  it('normalises StrictHostKeyChecking and ports as OpenSSH does', () => {
    expect(['yes', 'TRUE', 'no', 'false', 'off', 'ask', 'Accept-New', 'maybe'].map(parseStrict)).toEqual(['yes', 'yes', 'no', 'no', 'no', 'ask', 'accept-new', null]);
    expect(['22', '022', '0', '65536', '0x10', ''].map(parsePort)).toEqual([22, 22, null, null, null, null]);
  });
  it('reads ssh -G output, accumulating repeated keywords', () => {
    const o = parseSshG('host x\nhostname x.example\nuser u\nport 2\nidentityfile ~/a\nidentityfile ~/b\nstricthostkeychecking true\nidentitiesonly yes\nuserknownhostsfile /k1 /dev/null\nproxyjump a,b\n');
    expect(o).toMatchObject({ hostname: 'x.example', user: 'u', port: 2, identityfile: ['~/a', '~/b'], stricthostkeychecking: 'yes', identitiesonly: true, userknownhostsfile: ['/k1', '/dev/null'], proxyjump: 'a,b', proxycommand: null });
  });
});

describe('glob for Include', () => {
  it('walks folders segment by segment, sorted, skipping dot files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oncall-glob-'));
    try {
      for (const f of ['b/x.conf', 'a/x.conf', 'a/.x.conf', 'a/y.txt', 'c/x.conf/inner']) {
        mkdirSync(join(dir, f, '..'), { recursive: true });
        writeFileSync(join(dir, f), '');
      }
      // Like glob(3), a folder that matches is listed too (ssh then finds nothing to read in it).
      expect(globPaths(`${dir}/*/x.conf`)).toEqual([`${dir}/a/x.conf`, `${dir}/b/x.conf`, `${dir}/c/x.conf`]);
      expect(globPaths(`${dir}/a/*`)).toEqual([`${dir}/a/x.conf`, `${dir}/a/y.txt`]);
      expect(globPaths(`${dir}/a/?.conf`)).toEqual([`${dir}/a/x.conf`]);
      expect(globPaths(`${dir}/none/*`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
