// The built site as a host serves it (deploy/nginx.conf does the same): files as they
// are; an address without a file gets its build's page, the contribution editor's
// (contribuer/index.html) for /contribuer and below, the agenda's (index.html) for
// every other one. Used by scripts/serve.mjs, the browser tests and the benchmark.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/** Content types of the built site's files. */
export const contentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.ics': 'text/calendar; charset=utf-8',
  '.atom': 'application/atom+xml; charset=utf-8',
};

/**
 * trunk's hashed file names (the hash is a 64-bit number in hex, without leading
 * zeros: 1 to 16 digits). The host may cache them for a year.
 */
export const hashedName = /-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css)$/;

/** The hashed code a built page loads: its wasm, its JS glue and the app's CSS. */
export function codeOf(html) {
  const named = (re) => html.match(re)?.[0] ?? null;
  return {
    wasm: named(/[\w-]+-[0-9a-f]{1,16}_bg\.wasm/),
    js: named(/[\w-]+-[0-9a-f]{1,16}\.js/),
    css: named(/[\w-]+-[0-9a-f]{1,16}\.css/),
  };
}

/** The page of the build that owns an address (a path within the site, from "/"). */
export function pageFor(path) {
  return /^\/contribuer(\/|$)/.test(path) ? 'contribuer/index.html' : 'index.html';
}

/**
 * The file answering `path` in the build `folder`: { file } (null: 404) or
 * { forbidden: true } for a path leaving the folder.
 */
export async function fileFor(folder, path) {
  const file = normalize(join(folder, path));
  if (!file.startsWith(folder)) return { forbidden: true };
  try {
    return { file: (await stat(file)).isDirectory() ? join(file, 'index.html') : file };
  } catch {
    return { file: extname(path) ? null : join(folder, pageFor(path)) };
  }
}

/**
 * Serves a build folder on 127.0.0.1 (`port` 0: any free one), under an optional
 * sub-path `prefix`. `faults` maps a path to a handler(req, res) that simulates a
 * misbehaving server for that path.
 */
export async function startServer({ folder, prefix = '', faults = {}, port = 0 }) {
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (faults[path]) {
      faults[path](req, res);
      return;
    }
    if (prefix) {
      if (!path.startsWith(prefix)) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('hors du sous-chemin');
        return;
      }
      path = path.slice(prefix.length - 1);
    }
    const { file, forbidden } = await fileFor(folder, path);
    if (forbidden) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!file) throw new Error('no file');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('introuvable');
    }
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  // Closing ends every connection, not only the idle ones: a page still open (a test's,
  // until its end) may hold one, and `server.close` alone then waits for it forever.
  const close = () => new Promise((ok) => {
    server.close(ok);
    server.closeAllConnections();
  });
  return { url: `http://127.0.0.1:${address.port}`, close };
}
