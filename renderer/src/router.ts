import { useEffect, useSyncExternalStore } from 'react';
import { parseLinkHash, type LinkParse } from '../../main/core/shared/oncall-links';

/** Routes live in the hash (`#/incidents/INC-…`), which works from file:// in Electron and over HTTP. */
export function currentRoute(): string[] {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): string[] {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  void hash;
  return currentRoute();
}

export function navigate(...parts: string[]): void {
  location.hash = `#/${parts.map(encodeURIComponent).join('/')}`;
}

/**
 * The `oncall://` link forms in the hash (`#/incident/ID`, `#/alert/FP`, `#/runbook/ID?x=y`), on load
 * and on every hashchange: a good link is replaced by the screen's own route (so Back does not bounce
 * through it), a malformed one is returned for the page to show why it was refused. Links only
 * navigate and prefill: the screens they lead to act on a click, never on arrival.
 */
export function useDeepLink(): LinkParse | null {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  const link = parseLinkHash(hash);
  const route = link?.ok ? link.route : null;
  useEffect(() => {
    if (route) location.replace(route);
  }, [route]);
  return link;
}
