// temporary: screenshots of sections for looking (not committed)
import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:18722';
const [,, path, sel, out, width] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: Number(width), height: 900 } });
await page.goto(base + path, { timeout: 60000 });
if (sel === 'pdf') {
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: out, format: 'A4', preferCSSPageSize: true });
} else if (sel === 'full') {
  await page.screenshot({ path: out, fullPage: true, timeout: 60000 });
} else {
  const el = page.locator(sel).first();
  await el.screenshot({ path: out, timeout: 60000 });
}
await browser.close();
