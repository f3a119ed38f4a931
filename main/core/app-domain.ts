import { AppError } from './shared/errors';
import type { CoreContext, Domain } from './context';

declare const __ONCALL_VERSION__: string;

/** App-wide methods: identity, config state, opening links. */
export function createAppDomain(ctx: CoreContext): Domain<'app:info' | 'app:open-external' | 'app:store-secret' | 'config:get' | 'config:reload'> {
  return {
    handlers: {
      'app:info': () => {
        const summary = ctx.config.state().summary;
        return {
          name: 'Oncall Console',
          version: __ONCALL_VERSION__,
          home: ctx.paths.home,
          face: ctx.ports.face,
          platform: process.platform,
          firstRun: summary.targets + summary.prometheus + summary.alertmanagers === 0,
        };
      },
      'app:open-external': async ({ url }) => {
        await ctx.ports.openExternal(assertHttpUrl(url));
        return { opened: true };
      },
      'app:store-secret': ({ name, value }) => {
        const secrets = ctx.ports.secrets;
        if (!secrets?.store) throw new AppError('unavailable', `only the desktop app has a keychain; here set the environment variable ONCALL_SECRET_${name.replace(/[^A-Za-z0-9_]/g, '_').toUpperCase()} instead`);
        try {
          secrets.store(name, value);
        } catch (err) {
          // The keychain's own message (no keyring, locked) is useful and never contains the value.
          throw new AppError('unavailable', (err as Error).message);
        }
        return { reference: `keychain:${name}` };
      },
      'config:get': () => ctx.config.state(),
      'config:reload': () => {
        ctx.config.reload();
        return ctx.config.state();
      },
    },
  };
}

/** Only http(s), parsed, never a string match: `javascript:`, `file:` and friends are refused. */
export function assertHttpUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError('invalid_input', `not a URL: ${text}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('forbidden', `only http(s) links can be opened, not ${url.protocol}`);
  }
  return url.href;
}
