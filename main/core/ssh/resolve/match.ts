import { matchHostname, matchPatternList } from './pattern';
import type { ConfigState } from './state';
import { percentExpand, type TokenValues } from './tokens';
import type { PassContext } from './pass-context';

const execTokens = 'CLdhklnpriu';

/**
 * match_cfg_line of OpenSSH 9.2: criteria are ANDed left to right, `!` negates one, `all` stands
 * alone, `canonical`/`final` hold only on the second pass, and `exec` runs only while everything
 * before it matched. A malformed line gives an error (ssh: "Bad Match condition").
 */
export function evaluateMatch(words: string[], state: ConfigState, ctx: PassContext): { result: boolean } | { error: string } {
  const port = state.port ?? 22;
  const ruser = state.user ?? ctx.sys.localUser.name;
  const host = ctx.finalPass ? (state.hostname ?? ctx.host) : state.hostname !== undefined ? percentExpand(state.hostname, 'h', tokenBase(ctx, ctx.originalHost, port, ruser)) : ctx.originalHost;
  let result = true;
  let attributes = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const negate = word.startsWith('!');
    const attrib = (negate ? word.slice(1) : word).toLowerCase();
    if (attrib === 'all') {
      if (attributes > 1 || i + 1 < words.length) return { error: `'${word}' cannot be combined with other Match attributes` };
      if (result) result = !negate;
      return { result };
    }
    attributes++;
    if (attrib === 'canonical' || attrib === 'final') {
      if (attrib === 'final' && !negate) ctx.wantFinal.value = true;
      if (ctx.finalPass === negate) result = false;
      continue;
    }
    const arg = words[++i];
    if (arg === undefined || arg === '') return { error: `Missing Match criteria for ${attrib}` };
    let hit: boolean;
    switch (attrib) {
      case 'host':
        hit = matchHostname(host, arg) === 1;
        break;
      case 'originalhost':
        hit = matchHostname(ctx.originalHost, arg) === 1;
        break;
      case 'user':
        hit = matchPatternList(ruser, arg, false) === 1;
        break;
      case 'localuser':
        hit = matchPatternList(ctx.sys.localUser.name, arg, false) === 1;
        break;
      case 'exec': {
        const values = tokenBase(ctx, host, port, ruser);
        const command = percentExpand(arg, execTokens, { ...values, keyAlias: state.hostKeyAlias ?? host });
        // ssh skips the command once an earlier criterion failed, so it never runs needlessly.
        if (!result) continue;
        hit = ctx.sys.exec(command);
        break;
      }
      default:
        return { error: `Unsupported Match attribute ${attrib}` };
    }
    if (hit === negate) result = false;
  }
  if (attributes === 0) return { error: 'One or more attributes required for Match' };
  return { result };
}

function tokenBase(ctx: PassContext, host: string, port: number, remoteUser: string): TokenValues {
  const { localUser, localHost } = ctx.sys;
  return { host, originalHost: ctx.originalHost, port, remoteUser, localUser: localUser.name, home: localUser.home, localHost, uid: localUser.uid, keyAlias: host };
}
