// temporary (not committed): screenshots + table overflow of given pages
import path from 'node:path';
import { chromium } from 'playwright-core';
const [base, dir, ...urls] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const u of urls) {
  await page.goto(base + u);
  const name = u.replace(/[^a-z0-9]+/gi, '_');
  for (const width of [375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
    const wide = await page.evaluate(() => [...document.querySelectorAll('table')].map(t => {
      const box = t.parentElement; const r = t.getBoundingClientRect(); const b = box.getBoundingClientRect();
      return { id: t.id || t.querySelector('caption')?.textContent?.slice(0, 40), table: Math.round(r.width), box: Math.round(b.width), scroll: box.scrollWidth - box.clientWidth };
    }).filter(x => x.table > x.box + 1 || x.scroll > 0));
    const clipped = await page.evaluate(() => [...document.querySelectorAll('td, th')].filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent.slice(0, 30)));
    const ols = await page.evaluate(() => [...document.querySelectorAll('ol')].map(o => [...o.children].map(li => li.value)));
    console.log(u, width, 'wide:', JSON.stringify(wide), 'clippedcells:', JSON.stringify(clipped.slice(0, 8)), 'ol:', JSON.stringify(ols));
  }
}
await browser.close();
