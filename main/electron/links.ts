import type { App } from 'electron';
import { resolve } from 'node:path';
import { linkScheme, parseOncallLink } from '../core/shared/oncall-links';

export interface LinkDeps {
  /** Shows the main window on a route of the renderer (`#/incidents/INC-…`). */
  show(route: string): void;
  /** Tells the user a link was refused and why. */
  refuse(message: string): void;
}

/** The `oncall://` argument in a command line (Windows and Linux hand links to the app as argv). */
export function linkInArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${linkScheme}:`)) ?? null;
}

/**
 * Routes `oncall://` links to screens. Links can arrive before the window exists (macOS sends
 * `open-url` before `ready`; the first instance's own argv), so they wait until `ready()`. A link
 * only ever navigates: the screen it opens acts on a click, never on arrival.
 */
export class LinkRouter {
  private pending: string[] = [];
  private isReady = false;

  constructor(private readonly deps: LinkDeps) {}

  open(url: string): void {
    if (!this.isReady) {
      this.pending.push(url);
      return;
    }
    const link = parseOncallLink(url);
    if (link.ok) this.deps.show(link.route);
    else this.deps.refuse(link.message);
  }

  ready(): void {
    this.isReady = true;
    for (const url of this.pending.splice(0)) this.open(url);
  }
}

/**
 * Makes the app the handler of `oncall://` and feeds links to the router: a second start of the app
 * (Windows, Linux) passes its argv to the running one; macOS sends `open-url`. Packaged apps are
 * registered by the installer too (electron-builder.yml `protocols`); in a source checkout Electron
 * must be told which script to start.
 */
export function listenForLinks(app: Pick<App, 'on' | 'setAsDefaultProtocolClient' | 'isPackaged'>, router: LinkRouter, argv: readonly string[], execPath: string): void {
  if (app.isPackaged || !argv[1]) app.setAsDefaultProtocolClient(linkScheme);
  else app.setAsDefaultProtocolClient(linkScheme, execPath, [resolve(argv[1])]);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    router.open(url);
  });
  app.on('second-instance', (_event, secondArgv) => {
    const url = linkInArgv(secondArgv);
    if (url) router.open(url);
  });
  const first = linkInArgv(argv);
  if (first) router.open(first);
}
