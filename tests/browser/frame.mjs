// Another site frames kompass: a page of this script's own, on another
// loopback port (another origin), holds two iframes, one of an embed and one
// of a full page. The embed must render in the frame; the full page must be
// refused (frame-ancestors 'none'). Run by tests/it/export.rs against the
// static export served by nginx with the README's configuration.
//
// Usage: node frame.mjs <base url> <embed path> <page path> <screenshot dir>

import http from 'node:http';
import path from 'node:path';
import { startBrowser } from './harness.mjs';

const [base, embedPath, pagePath, shotDir] = process.argv.slice(2);
if (!base || !embedPath || !pagePath || !shotDir) {
  console.error('usage: node frame.mjs <base url> <embed path> <page path> <screenshot dir>');
  process.exit(2);
}

const { page, check, finish } = await startBrowser({ base, shotDir, timeout: 15000 });

const html = `<!doctype html><html lang="sv"><title>Annan webbplats</title><p>Annan webbplats</p>
<iframe id="embed" src="${base}${embedPath}" width="400" height="700" title="kompass"></iframe>
<iframe id="full" src="${base}${pagePath}" width="400" height="300" title="kompass, hela sidan"></iframe>`;
const server = http.createServer((req, res) => {
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(html);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const other = `http://127.0.0.1:${server.address().port}/`;
check(new URL(other).origin !== new URL(base).origin, 'the framing site is not another origin');

await page.goto(other);
await page.waitForTimeout(1500);
const embed = await (await page.$('#embed')).contentFrame();
const embedShown = embed ? await embed.locator('footer.embed-footer').count().catch(() => 0) : 0;
check(embedShown === 1, `${embedPath}: the embed did not render in another site's frame`);
if (embed) {
  const chart = await embed.locator('svg').count().catch(() => 0);
  check(chart > 0, `${embedPath}: the framed embed shows no chart`);
}
const full = await (await page.$('#full')).contentFrame();
const fullShown = full ? await full.locator('header.site').count().catch(() => 0) : 0;
console.log(`framed from ${other}: ${embedPath} shown ${embedShown} time(s), ${pagePath} shown ${fullShown} time(s)`);
check(fullShown === 0, `${pagePath}: the full page was shown inside another site's frame`);
await page.screenshot({ path: path.join(shotDir, 'export-framed.png'), fullPage: true });
server.close();
await finish('framing checks');
