import { chromium } from 'playwright-core';
import { agendaProbe } from './probe.mjs';
import { startServer } from './server.mjs';
const data = process.argv[2];
const dists = { old: '/tmp/ab-old-dist', new: '/tmp/ab-new-dist' };
const res = { old: { first: [], theme: [], search: [] }, new: { first: [], theme: [], search: [] } };
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const med = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
for (let round = 0; round < 4; round++) {
  for (const name of round % 2 ? ['new', 'old'] : ['old', 'new']) {
    const server = await startServer({ folder: dists[name] });
    server.setDataset(data);
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.addInitScript(agendaProbe);
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => window.__bench.firstRender !== null, null, { timeout: 60000 });
    res[name].first.push(await page.evaluate(() => window.__bench.firstRender));
    await page.waitForTimeout(3000);
    for (let i = 0; i < 12; i++) {
      const r = await page.evaluate(() => window.__interact('theme', 'themes-finances', 30000));
      if (i >= 2) res[name].theme.push(r.ms);
    }
    const words = ['souveraineté', '', 'cimetières', ''];
    for (let i = 0; i < 12; i++) {
      const r = await page.evaluate((w) => window.__interact('search', w, 30000), words[i % 4]);
      if (i >= 2) res[name].search.push(r.ms);
    }
    await ctx.close();
    await server.close();
  }
}
await browser.close();
for (const name of ['old', 'new']) console.log(name, 'first', res[name].first.map((x) => x.toFixed(0)).join(' '), '| theme median', med(res[name].theme).toFixed(1), '| search median', med(res[name].search).toFixed(1));
