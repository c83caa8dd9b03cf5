// /bidra in a real headless Chromium, as a sender uses it: open the page,
// drop the report file on it, send it, read the review (what it would
// change), download the evaluation file, then send it in with "Skicka in"
// and read the receipt; the same with the report's PDF, with random bytes named
// .pdf and with a damaged report; then the form for figures from a web
// page, first with a total the areas contradict, then consistent. axe-core
// (WCAG 2.1 A/AA) on every page, screenshots at 375 and 1280 px, and any
// Content-Security-Policy violation fails the run.
//
// Usage: node contribute.mjs <base url> <screenshot dir> <fixture dir> <download dir>
// The fixture dir holds kumla-2020.txt, kumla-2020.pdf, random.pdf and
// damaged.txt (written by tests/it/browser.rs); downloads are saved as
// <download dir>/<name the page gives>. Exits 1 listing every failed check.

import fs from 'node:fs';
import path from 'node:path';
import { startBrowser } from './harness.mjs';

const [base, shotDir, fixtures, downloads] = process.argv.slice(2);
if (!base || !shotDir || !fixtures || !downloads) {
  console.error('usage: node contribute.mjs <base url> <screenshot dir> <fixture dir> <download dir>');
  process.exit(2);
}
fs.mkdirSync(downloads, { recursive: true });

const { page, check, text, look, finish } = await startBrowser({
  base, shotDir, timeout: 30000, acceptDownloads: true,
});

// Chooses a file on /bidra and sends it; returns the answer's status.
async function send(file) {
  await page.goto(`${base}/bidra`);
  await page.setInputFiles('#rapport', path.join(fixtures, file));
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${base}/bidra` && r.request().method() === 'POST'),
    page.click('form.upload button[type="submit"]'),
  ]);
  await page.waitForLoadState();
  return response.status();
}

// Drops a file on /bidra's file field as a person drags it there from the
// desktop (Chromium's own drag and drop, through the DevTools protocol),
// and sends the form; returns the answer's status.
async function drop(file) {
  await page.goto(`${base}/bidra`);
  const box = await page.locator('#rapport').boundingBox();
  const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: [path.join(fixtures, file)], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop']) {
    await cdp.send('Input.dispatchDragEvent', { type, ...at, data });
  }
  await cdp.detach();
  const dropped = await page.evaluate(() => [...document.querySelector('#rapport').files].map((f) => f.name));
  check(dropped.join() === file, `drop: the field holds "${dropped.join()}"`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${base}/bidra` && r.request().method() === 'POST'),
    page.click('form.upload button[type="submit"]'),
  ]);
  await page.waitForLoadState();
  return response.status();
}

// Clicks the download link and saves the file; returns its name and text.
async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const name = dl.suggestedFilename();
  const target = path.join(downloads, name);
  await dl.saveAs(target);
  return { name, text: fs.readFileSync(target, 'utf8') };
}

// --- The start page, reached from the footer ------------------------------
await page.goto(`${base}/`);
await Promise.all([page.waitForURL('**/bidra'), page.click('footer.site >> text=Bidra med en utvärdering')]);
await look('bidra', async () => {
  check((await text('h1')) === 'Bidra med en utvärdering', 'bidra: heading');
  check(await page.locator('form.upload[enctype="multipart/form-data"][method="post"]').count() === 1, 'bidra: no upload form');
  check(await page.locator('a[href="/bidra/siffror"]').count() >= 1, 'bidra: no link to the figures form');
  check(await page.locator('a[href="/bidra/filformat"]').count() >= 1, 'bidra: no link to the file format');
});

// --- The report's text: dropped, reviewed, downloaded, sent in -----------
let status = await drop('kumla-2020.txt');
check(status === 200, `text: answered ${status}`);
await look('bidra-granskning', async () => {
  check((await text('h1')) === 'Kumla, november 2020', `text: heading "${await text('h1')}"`);
  check((await text('dl.facts')).includes('v2020'), 'text: revision v2020 not shown');
  const areaRows = await page.locator('#lasta-siffror tbody tr.group-row').count();
  const rows = await page.locator('#lasta-siffror tbody tr').count();
  check(areaRows === 8 && rows - areaRows === 35, `text: ${areaRows} areas and ${rows - areaRows} sub-areas`);
  const points = await page.locator('#lasta-siffror tbody tr.group-row td:nth-child(2)').allInnerTexts();
  check(points.join() === '66,73,80,60,65,71,70,72', `text: area points ${points.join()}`);
  check(await page.locator('.checks li.failed').count() === 0, 'text: a check failed');
  check(await page.locator('.checks li.passed').count() >= 7, 'text: fewer than 7 checks passed');
  const compared = await text('#jamfort');
  check(compared.includes('bekräftar det som redan finns'), `text: compared "${compared}"`);
  check(await page.locator('form.send input[name="kalla"][required]').count() === 1, 'text: no send form asking for the source');
});
const fromText = await download('.verdict a[download]');
check(fromText.name === '1881-kumla-2020.toml', `text: downloaded ${fromText.name}`);
check(fromText.text.startsWith('# Utvärderingsfil för kompass: Kommunkompassen i Kumla, november 2020.\n# Läst av kompass ur rapporten kumla-2020.txt'), 'text: the file has no Swedish header');
fs.renameSync(path.join(downloads, fromText.name), path.join(downloads, 'from-text.toml'));

// "Skicka in": the source address, a message with markup, the receipt.
await page.fill('#kalla', 'https://www.kumla.se/kommunkompassen-2020.pdf');
await page.fill('#kontakt', 'kvalitet@kumla.se');
await page.fill('#meddelande', 'Rapporten ligger på kumla.se. <script>alert(1)</script>');
const [sent] = await Promise.all([
  page.waitForResponse((r) => r.url() === `${base}/bidra/skicka` && r.request().method() === 'POST'),
  page.click('form.send button[type="submit"]'),
]);
await page.waitForLoadState();
check(sent.status() === 200, `send: answered ${sent.status()}`);
check(sent.headers()['cache-control'] === 'no-store', `send: Cache-Control ${sent.headers()['cache-control']}`);
await look('bidra-kvitto', async () => {
  check((await text('h1')) === 'Tack! Utvärderingen är inskickad', `send: heading "${await text('h1')}"`);
  const reference = await text('#referens');
  check(/^B-\d{4}-\d{4}$/.test(reference), `send: reference "${reference}"`);
  const message = await text('dd.message');
  check(message.includes('<script>alert(1)</script>'), `send: the message reads "${message}"`);
  check(await page.locator('main script').count() === 0, 'send: the message became a script');
});
fs.writeFileSync(path.join(downloads, 'reference.txt'), await text('#referens'));

// --- Kumla's report as Örebro's of 2022: new, but Kumla's very figures ------
status = await drop('orebro-2022.txt');
check(status === 200, `orebro: answered ${status}`);
await look('bidra-granskning-varning', async () => {
  check((await text('#jamfort')).includes('kompass har ingen utvärdering av Örebro 2022'), `orebro: compared "${await text('#jamfort')}"`);
  check((await text('main .note.warning')).includes('Samma siffror som Kumla 2020: fel fil?'), 'orebro: no same-figures warning');
});

// --- The report's PDF: the same figures ----------------------------------
status = await send('kumla-2020.pdf');
check(status === 200, `pdf: answered ${status}`);
const pdfPoints = await page.locator('#lasta-siffror tbody tr.group-row td:nth-child(2)').allInnerTexts();
check(pdfPoints.join() === '66,73,80,60,65,71,70,72', `pdf: area points ${pdfPoints.join()}`);
check(await page.locator('#lasta-siffror tbody tr:not(.group-row)').count() === 35, 'pdf: not 35 sub-areas');
const fromPdf = await download('.verdict a[download]');
check(fromPdf.name === '1881-kumla-2020.toml', `pdf: downloaded ${fromPdf.name}`);
fs.renameSync(path.join(downloads, fromPdf.name), path.join(downloads, 'from-pdf.toml'));

// --- Random bytes named .pdf: a clear Swedish error ----------------------
status = await send('random.pdf');
check(status === 422, `random: answered ${status}`);
await look('bidra-fel', async () => {
  check((await text('h1')).startsWith('Det gick inte att läsa'), `random: heading "${await text('h1')}"`);
  check((await text('.problems')).includes('ingen PDF'), `random: says "${await text('.problems')}"`);
  check(await page.locator('main a[href="/bidra/filformat"]').count() >= 1, 'random: no way to fill in the file by hand');
});

// --- A damaged report: the failing check with its report line ------------
status = await send('damaged.txt');
check(status === 422, `damaged: answered ${status}`);
await look('bidra-underkand', async () => {
  const failed = await text('.checks li.failed');
  check(failed.includes('Delområdenas summa') && failed.includes('Delområdena i område 1 summerar till') && /Rad \d+ i rapporten/.test(failed), `damaged: failed check reads "${failed}"`);
  check(await page.locator('a[download]').count() === 0, 'damaged: a file is offered');
});

// --- Figures from a web page ---------------------------------------------
await page.goto(`${base}/bidra`);
await Promise.all([page.waitForURL('**/bidra/siffror'), page.click('main a[href="/bidra/siffror"]')]);
await look('bidra-siffror', async () => {
  check((await text('h1')) === 'Siffror från en webbsida', 'siffror: heading');
});
const areas = ['66', '73', '80', '60', '65', '71', '70', '72'];
async function fillFigures(total) {
  await page.selectOption('#f-municipality', '1881');
  await page.fill('#f-year', '2020');
  await page.selectOption('#f-month', '11');
  await page.selectOption('#f-revision', 'v2020');
  await page.fill('#f-total', total);
  for (const [i, points] of areas.entries()) await page.fill(`#f-area${i + 1}`, points);
  await page.fill('#f-source-url', 'https://www.kumla.se/kommunkompassen');
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url() === `${base}/bidra/siffror` && r.request().method() === 'POST'),
    page.click('form.figures button[type="submit"]'),
  ]);
  await page.waitForLoadState();
  return response.status();
}
status = await fillFigures('575');
check(status === 422, `siffror 575: answered ${status}`);
await look('bidra-siffror-fel', async () => {
  const problem = await text('#problem');
  check(problem.includes('Totalpoäng') && problem.includes('summerar till'), `siffror 575: says "${problem}"`);
  check(await page.locator('#f-total[aria-invalid="true"]').count() === 1, 'siffror 575: the total is not marked invalid');
  check((await page.inputValue('#f-total')) === '575', 'siffror 575: the form lost what was typed');
});
await page.fill('#f-total', '557');
const [answer] = await Promise.all([
  page.waitForResponse((r) => r.url() === `${base}/bidra/siffror` && r.request().method() === 'POST'),
  page.click('form.figures button[type="submit"]'),
]);
await page.waitForLoadState();
check(answer.status() === 200, `siffror 557: answered ${answer.status()}`);
check((await text('h1')) === 'Kumla, november 2020', `siffror 557: heading "${await text('h1')}"`);
const fromForm = await download('.verdict a[download]');
check(fromForm.name === '1881-kumla-2020.toml', `siffror 557: downloaded ${fromForm.name}`);
fs.renameSync(path.join(downloads, fromForm.name), path.join(downloads, 'from-form.toml'));

// --- The file format page ------------------------------------------------
await page.goto(`${base}/bidra/filformat`);
await look('bidra-filformat', async () => {
  check((await text('h1')) === 'Utvärderingsfilens format', 'filformat: heading');
  check((await text('pre.example')).includes('municipality = "1881"'), 'filformat: no example');
});

await finish('/bidra browser checks');
