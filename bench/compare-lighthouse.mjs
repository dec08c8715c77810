// Lighthouse's mobile performance score of two builds in one sitting, alternating,
// with the benchmark's settings (bench/run.mjs: the same server, gzip on, the shipped
// dataset, the same Chromium flags). One Lighthouse run moves by several points with
// the shared machine's speed; alternating runs show whether a build, not the machine,
// moved. For investigation, not part of the benchmark's table.
//
//   node bench/compare-lighthouse.mjs target/ab-old target/bench-dist [rounds=3]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer } from './server.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
const [first, second, rounds = 3] = process.argv.slice(2);
if (!second) {
  console.error('usage: node bench/compare-lighthouse.mjs <build folder> <build folder> [rounds]');
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const output = join(root, 'target', 'compare-lighthouse.json');

const servers = new Map();
for (const folder of [first, second]) {
  const server = await startServer({ folder: resolve(folder) });
  server.setDataset(join(resolve(folder), 'data', 'agenda.json'));
  server.setGzip(true);
  servers.set(folder, server);
}

// Asynchronous: the servers answer from this process meanwhile.
function lighthouse(url) {
  const args = [
    join(root, 'node_modules', 'lighthouse', 'cli', 'index.js'), url, '--quiet', '--output=json',
    `--output-path=${output}`, '--only-categories=performance',
    '--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --disable-background-networking --disable-component-update --disable-sync',
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromiumPath }, stdio: 'ignore' });
    child.on('close', done);
  });
}

try {
  for (let round = 0; round < Number(rounds); round += 1) {
    for (const folder of round % 2 ? [second, first] : [first, second]) {
      const code = await lighthouse(`${servers.get(folder).url}/`);
      if (code !== 0) throw new Error(`lighthouse exited with ${code} on ${folder}`);
      const report = JSON.parse(readFileSync(output, 'utf8'));
      const metric = (id) => report.audits[id].displayValue;
      console.log(`round ${round + 1}, ${folder}: performance ${Math.round(report.categories.performance.score * 100)}`
        + ` (FCP ${metric('first-contentful-paint')}, LCP ${metric('largest-contentful-paint')},`
        + ` TBT ${metric('total-blocking-time')}, SI ${metric('speed-index')})`);
    }
  }
} finally {
  for (const server of servers.values()) await server.close();
}
