// Local pages for the browser probe tests, each failing in one way a real site does (seed 000
// category C: a white page, a script error, a slow asset). 127.0.0.1 only.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { httpServer, listen } from './servers';

export const slowAssetMs = 1_200;

const html = (res: ServerResponse, body: string, status = 200) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`<!doctype html><html><head><title>t</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`);
};

export interface PagesServer {
  url(path: string): string;
  /** When (performance.now) each request for the slow asset began and was answered, to prove visits did not overlap. */
  slowSpans: { tag: string; start: number; end: number }[];
  /** Cookie headers the server saw on /cookie, in order. */
  cookiesSeen: (string | null)[];
  close(): Promise<void>;
}

export async function startPages(): Promise<PagesServer> {
  const slowSpans: { tag: string; start: number; end: number }[] = [];
  const cookiesSeen: (string | null)[] = [];
  const server = httpServer((req: IncomingMessage, res: ServerResponse) => {
    const [path, query = ''] = (req.url ?? '/').split('?');
    switch (path) {
      case '/healthy':
        return html(res, '<h1>Welcome to the shop</h1><p>All systems go.</p>');
      case '/throws':
        return html(res, '<h1>Shop</h1><script>console.error("cart service said no"); throw new Error("checkout is undefined")</script>');
      case '/slow':
        // The query tags the asset request, so a test can tell its visits' requests from others'.
        return html(res, `<h1>Slow shop</h1><img src="/slow-asset.png?${query}" width="10" height="10">`);
      case '/slow-asset.png': {
        const start = performance.now();
        setTimeout(() => {
          slowSpans.push({ tag: query, start, end: performance.now() });
          res.writeHead(404);
          res.end();
        }, slowAssetMs);
        return;
      }
      case '/blank':
        // A single-page app whose bundle failed to render anything: the classic white page.
        return html(res, '<div id="root"></div><script>window.appBooted = false</script>');
      case '/broken-sub':
        return html(res, '<h1>Shop</h1><img src="/missing.png"><script src="/reset.js"></script>');
      case '/reset.js':
        // The connection dies mid-request: a network-level failure, not an HTTP status.
        req.socket.destroy();
        return;
      case '/error500':
        return html(res, '<h1>Internal Server Error</h1>', 500);
      case '/cookie':
        cookiesSeen.push(req.headers.cookie ?? null);
        return html(
          res,
          `<p id="seen"></p><script>
            document.getElementById('seen').textContent = 'cookie=' + (document.cookie || 'none') + ' storage=' + (localStorage.getItem('visited') || 'none');
            document.cookie = 'session=abc; max-age=3600'; localStorage.setItem('visited', 'yes');
          </script>`,
        );
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not here');
    }
  });
  const port = await listen(server);
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    slowSpans,
    cookiesSeen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
