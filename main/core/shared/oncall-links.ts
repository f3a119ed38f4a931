/**
 * `oncall://` links: the one way the console names a screen in a message that leaves it (e-mail,
 * chat). The desktop app registers the scheme; browser mode shows the same path as a `/#/` route.
 */
export const linkScheme = 'oncall';

export function incidentLink(id: string): string {
  return `${linkScheme}://incident/${encodeURIComponent(id)}`;
}
