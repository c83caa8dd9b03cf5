// The embeds as a newsroom uses them: the iframe code each page offers,
// pasted into another site's page (a real other origin) in a frame 640 px
// wide. With the suggested height the content fits without scrolling; with
// the table of figures opened, the source and licence line is still inside
// the frame's visible area. Each embed also passes axe (WCAG 2.1 A/AA).
//
// Usage: node embeds.mjs <base url> <screenshot dir>
// Run by tests/it/browser.rs; exits 1 and lists every failed check.

import http from 'node:http';
import { startBrowser } from './harness.mjs';

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node embeds.mjs <base url> <screenshot dir>');
  process.exit(2);
}

const { page, check, look, finish } = await startBrowser({ base, shotDir, timeout: 15000 });

/** Serves `html` from another origin (a loopback port of its own). */
async function serveOnce(html) {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

// Each page that offers an embed, and the name of the embed's screenshots.
const PAGES = [
  ['/kommun/1881-kumla', 'inbadda-kommun'],
  ['/jamfor?kommun=1881,0115,1444', 'inbadda-jamfor'],
  ['/rankning', 'inbadda-rankning'],
  ['/omrade/brukarens-fokus?revision=alla', 'inbadda-omrade'],
  ['/forandring?versioner=alla', 'inbadda-forandring'],
];

for (const [url, name] of PAGES) {
  await page.goto(base + url);
  const snippet = await page.locator('#inbaddningskod').inputValue().catch(() => '');
  const height = Number((snippet.match(/height="(\d+)"/) || [])[1]);
  const src = (snippet.match(/src="([^"]+)"/) || [])[1] || '';
  if (!check(height > 300 && src.includes('/inbadda'), `${url}: no iframe code ("${snippet}")`)) continue;

  // The embed itself: axe and screenshots.
  await page.goto(src.replace(/^https?:\/\/[^/]+/, base));
  await look(name, async () => {
    check(await page.locator('footer.embed-footer').count() === 1, `${name}: no footer`);
    check(await page.locator('main svg[role="img"]').count() === 1, `${name}: no chart`);
  });

  // Pasted into another site, 640 px wide, as the snippet says.
  const framed = snippet
    .replace('width="100%"', 'width="640"')
    .replace(/src="https?:\/\/[^/]+/, `src="${base}`);
  const other = await serveOnce(`<!doctype html><title>Annan webbplats</title><p>Artikel</p>${framed}`);
  await page.goto(other.url);
  await page.waitForTimeout(1000);
  const frame = await (await page.$('iframe')).contentFrame();
  if (!check(frame && await frame.locator('footer.embed-footer').count() === 1, `${name}: the embed did not load in another site's frame`)) {
    other.close();
    continue;
  }
  const fits = await frame.evaluate(() => {
    const main = document.querySelector('main');
    return { scroll: main.scrollHeight, client: main.clientHeight };
  });
  check(fits.scroll <= fits.client + 1, `${name}: at 640 px the content needs ${fits.scroll}px, the frame shows ${fits.client}px (suggested height ${height})`);
  // The reader opens the table: source and licence stay in view.
  await frame.locator('details.embed-figures summary').click();
  const footer = await frame.evaluate(() => {
    const f = document.querySelector('footer.embed-footer');
    const box = f.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, view: window.innerHeight, text: f.innerText,
      open: document.querySelector('details.embed-figures').open };
  });
  check(footer.open, `${name}: the table did not open`);
  check(footer.top >= 0 && footer.bottom <= footer.view + 0.5,
    `${name}: with the table open the footer is at ${footer.top}–${footer.bottom}px in a ${footer.view}px frame`);
  check(footer.text.includes('Källa:') && footer.text.includes('CC BY 4.0'), `${name}: the footer reads "${footer.text}"`);
  console.log(`${name}: ${height}px frame, content ${fits.scroll}px, footer ${Math.round(footer.top)}–${Math.round(footer.bottom)}px with the table open`);
  other.close();
}

await finish('embed checks');
