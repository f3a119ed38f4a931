import { readFile, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer; unknown paths get index.html (the app routes by hash). */
export async function serveStatic(rootDir: string, pathname: string, res: ServerResponse, headers: Record<string, string>): Promise<void> {
  const root = normalize(rootDir + sep);
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A malformed escape (/%E0) would otherwise reject this promise and take the whole server down.
    res.writeHead(400, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
    res.end('Bad request: malformed path\n');
    return;
  }
  let file = normalize(join(root, decoded));
  // A path that climbs out of the renderer folder (../../etc/passwd) is answered with index.html.
  if (!file.startsWith(root)) file = join(root, 'index.html');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) file = join(root, 'index.html');
  try {
    const body = await readFile(file);
    res.writeHead(200, { ...headers, 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    res.end(body);
  } catch {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end('The UI is not built. Run `npm run build`.\n');
  }
}
