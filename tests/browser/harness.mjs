// What both browser scripts (check.mjs, contribute.mjs) share: Debian's
// headless Chromium driven by playwright-core, the list of failed checks,
// axe-core (WCAG 2.1 A/AA) evaluated through the DevTools protocol so the
// server's Content-Security-Policy stays on, screenshots at 375 and 1280 px,
// CSP violations from the console, and the report at the end.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Starts Chromium at 1280×900 and returns the page and the checks on it.
 * CSP violations are counted on pages under `base` only (another origin's
 * refusals are left to the script that made them).
 */
export async function startBrowser({ base, shotDir, timeout, acceptDownloads = false }) {
  fs.mkdirSync(shotDir, { recursive: true });
  const failures = [];
  const check = (ok, message) => {
    if (!ok) failures.push(message);
    return ok;
  };
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kompass-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.KOMPASS_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
    viewport: { width: 1280, height: 900 },
    locale: 'sv-SE',
    acceptDownloads,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(timeout);

  const cspViolations = [];
  page.on('console', (msg) => {
    if (page.url().startsWith(base) && /Content Security Policy/i.test(msg.text())) {
      cspViolations.push(`${page.url()}: ${msg.text()}`);
    }
  });

  const text = async (selector) => (await page.locator(selector).first().innerText()).trim();

  // axe-core on the page as it is; any WCAG 2.1 A/AA violation fails.
  async function axe(name) {
    await page.evaluate(AXE_SOURCE);
    const result = await page.evaluate(() =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      }));
    const review = [...new Set(result.incomplete.map((i) => i.id))].join(', ') || 'none';
    console.log(`${name}: axe ${result.passes.length} rules passed, ${result.violations.length} violated; to review by hand: ${review}`);
    for (const v of result.violations) {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
      check(false, `${name}: axe ${v.id} (${v.impact}): ${v.help} at ${where}`);
    }
  }

  // Full-page screenshots of the page as it is now (a POST answer cannot be
  // reloaded) at phone and desktop width; also checks that nothing makes the
  // page wider than a phone's screen (360 px, checked, not saved, and 375).
  async function screenshots(name) {
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.setViewportSize({ width: 360, height: 800 });
    const narrow = await overflow();
    check(narrow <= 0, `${name}: page is ${narrow}px wider than a 360px screen`);
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(shotDir, `${name}-${width}.png`), fullPage: true });
      if (width === 375) {
        const wider = await overflow();
        check(wider <= 0, `${name}: page is ${wider}px wider than a 375px screen`);
      }
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  // The page as it is now, as a reader meets it: a real <title>, the
  // script's own assertions (a throw is a failed check, not a crash), axe,
  // screenshots.
  async function look(name, assertions) {
    check((await page.title()).length > 10, `${name}: has no real <title>`);
    try {
      await assertions();
    } catch (e) {
      check(false, `${name}: ${e.message.split('\n')[0]}`);
    }
    await axe(name);
    await screenshots(name);
  }

  // Closes the browser, lists every failed check and exits 1 if any failed.
  async function finish(what) {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
    for (const v of cspViolations) check(false, `CSP violation: ${v}`);
    if (failures.length) {
      console.log(`${failures.length} browser check(s) failed:`);
      for (const f of failures) console.log(` - ${f}`);
      process.exit(1);
    }
    console.log(`all ${what} passed; screenshots in ${shotDir}`);
  }

  return { page, failures, check, text, look, axe, finish };
}
