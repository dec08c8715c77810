// The benchmark's static server: the release build routed as a host does
// (scripts/site-server.mjs), plus
//   - data/agenda.json answered from whichever dataset file the benchmark chose
//     (generated datasets are not copied into the build);
//   - /__bench/… serving bench/ and the pinned vis-timeline build from node_modules;
//   - optional gzip, as the sample nginx configuration does, for the first-visit bytes
//     and Lighthouse: the build's precompressed .gz copy when there is one
//     (`gzip_static on`), else text and wasm bodies compressed on the fly (`gzip on`).
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

import { contentTypes, fileFor } from '../scripts/site-server.mjs';

// nginx's gzip_types in deploy/nginx.conf (text/html is always compressed by nginx).
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.json', '.wasm', '.svg']);

/**
 * Serves `folder` (a trunk build) on 127.0.0.1. `routes` maps a URL prefix to another
 * folder (e.g. '/__bench/vis/' → node_modules/vis-timeline/). Returns
 * { url, setDataset(path), setGzip(on), close() }.
 */
export async function startServer({ folder, routes = {} }) {
  let datasetPath = join(folder, 'data', 'agenda.json');
  let gzip = false;
  const gzipCache = new Map();

  async function send(req, res, file) {
    const type = contentTypes[extname(file)] ?? 'application/octet-stream';
    const headers = { 'content-type': type, 'cache-control': 'no-cache' };
    const info = await stat(file);
    const accepts = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    // Only the small files are compressed on the fly; a generated dataset of hundreds
    // of megabytes is streamed as it is (the benchmark runs on the loopback).
    if (gzip && accepts && compressible.has(extname(file)) && info.size < 32 * 1024 * 1024) {
      const key = `${file}:${info.mtimeMs}`;
      if (!gzipCache.has(key)) {
        const precompressed = await readFile(`${file}.gz`).catch(() => null);
        gzipCache.set(key, precompressed ?? gzipSync(await readFile(file), { level: 6 }));
      }
      const body = gzipCache.get(key);
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding', 'content-length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': info.size });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file).pipe(res);
  }

  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path === '/data/agenda.json') {
        await send(req, res, datasetPath);
        return;
      }
      for (const [prefix, base] of Object.entries(routes)) {
        if (path.startsWith(prefix)) {
          const file = normalize(join(base, path.slice(prefix.length)));
          if (!file.startsWith(base)) break;
          await send(req, res, file);
          return;
        }
      }
      const { file, forbidden } = await fileFor(folder, path);
      if (forbidden) {
        res.writeHead(403).end();
        return;
      }
      if (!file) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('introuvable');
        return;
      }
      await send(req, res, file);
    } catch {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
      res.end();
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    setDataset: (path) => { datasetPath = path; },
    setGzip: (on) => { gzip = on; },
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
  };
}
