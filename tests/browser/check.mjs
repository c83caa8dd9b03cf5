// The kompass pages in a real headless Chromium (Debian's, driven by
// playwright-core): open every page type, follow the main links, use the
// search box and the compare form, check what a user sees, run axe-core
// (WCAG 2.1 A/AA) on each page type, and take screenshots at 375 and 1280 px.
// The server's Content-Security-Policy stays on: axe is evaluated through
// the DevTools protocol (never as a script tag), and any CSP violation the
// browser reports on the console fails the run.
//
// Usage: node check.mjs <base url> <screenshot dir>
// Run by tests/it/browser.rs; exits 1 and lists every failed check.

import http from 'node:http';
import path from 'node:path';
import { startBrowser } from './harness.mjs';

const [base, shotDir] = process.argv.slice(2);
if (!base || !shotDir) {
  console.error('usage: node check.mjs <base url> <screenshot dir>');
  process.exit(2);
}

// CSP violations count on kompass's own pages only: the other site of the
// embed check is left out, its refused frame of a full page being the point.
const { page, failures, check, text, look, finish } = await startBrowser({
  base, shotDir, timeout: 15000,
});

/** Serves `html` from another origin (a loopback port of its own). */
async function serveOnce(html) {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(html);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

async function open(url) {
  const response = await page.goto(base + url);
  if (!response) return 0;
  const csp = response.headers()['content-security-policy'] || '';
  check(csp.includes("default-src 'self'") && !csp.includes('unsafe-inline'),
    `${url}: no strict Content-Security-Policy (${csp || 'none'})`);
  return response.status();
}

// Waits for the address to become `want` (path and query, decoded), or to
// satisfy `want` when it is a function of the path and query.
const arrival = (want) => page.waitForURL((u) => {
  const here = decodeURIComponent(u.pathname + u.search);
  return typeof want === 'function' ? want(here) : here === want;
});

// At 375 px, with every <details> opened: no table is wider than its box
// (the element around it), neither itself nor by a cell's content; a table
// too wide must stack its rows or drop columns, never be clipped.
async function tablesFit(name) {
  await page.setViewportSize({ width: 375, height: 900 });
  const wide = await page.evaluate(() => {
    const closed = [...document.querySelectorAll('details:not([open])')];
    closed.forEach((d) => { d.open = true; });
    const out = [...document.querySelectorAll('table')]
      .filter((t) => t.getClientRects().length > 0)
      .map((t) => {
        const box = t.parentElement.clientWidth;
        const width = Math.max(Math.ceil(t.getBoundingClientRect().width), t.scrollWidth);
        const label = t.id ? `#${t.id}` : `"${(t.caption?.innerText || t.innerText).slice(0, 40).trim()}"`;
        return { label, over: width - box };
      })
      .filter((t) => t.over > 1);
    closed.forEach((d) => { d.open = false; });
    return out;
  });
  for (const t of wide) check(false, `${name}: table ${t.label} is ${t.over}px wider than its box at 375px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

// Every numbered list shows the numbers its markup asks for (1., 2., ...;
// n., n-1., ... when reversed; a li's value), as Chromium renders them:
// the list markers of its accessibility tree. Kumla's two sources once read
// "4., 3." (a <summary> in each item counted as a list item).
async function listNumbers(name) {
  await page.evaluate(() => {
    for (const ol of document.querySelectorAll('ol')) {
      const items = [...ol.children].filter((c) => c.tagName === 'LI');
      let next = ol.hasAttribute('start') ? Number(ol.getAttribute('start')) : (ol.reversed ? items.length : 1);
      for (const li of items) {
        if (li.hasAttribute('value')) next = Number(li.getAttribute('value'));
        li.setAttribute('data-expect-number', String(next));
        next += ol.reversed ? -1 : 1;
      }
    }
  });
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const wrong = [];
  for (const n of nodes) {
    const item = n.role?.value === 'ListMarker' ? byId.get(n.parentId) : null;
    if (!item?.backendDOMNodeId) continue;
    const { node } = await cdp.send('DOM.describeNode', { backendNodeId: item.backendDOMNodeId });
    const attrs = node.attributes || [];
    const at = attrs.indexOf('data-expect-number');
    if (at >= 0 && parseInt(n.name?.value ?? '', 10) !== Number(attrs[at + 1])) {
      wrong.push(`"${(n.name?.value || '').trim()}" where ${attrs[at + 1]}. belongs`);
    }
  }
  await cdp.detach();
  if (wrong.length) check(false, `${name}: numbered list shows ${wrong.join(', ')}`);
  return wrong;
}

async function pageType(name, url, expectStatus, assertions) {
  const status = await open(url);
  check(status === expectStatus, `${name}: ${url} answered ${status}, expected ${expectStatus}`);
  check(await page.locator('html[lang="sv"]').count() === 1, `${name}: html lang is not sv`);
  await look(name, assertions);
  await tablesFit(name);
  await listNumbers(name);
}

// A chart is present, labelled, and has its numbers in a table.
async function chartWithTable(name, chartId, tableSelector) {
  const svg = page.locator(`svg#${chartId}`);
  check(await svg.count() === 1, `${name}: chart ${chartId} missing`);
  if (await svg.count() !== 1) return;
  check(await svg.getAttribute('role') === 'img', `${name}: chart ${chartId} has no role=img`);
  check(((await svg.locator('title').textContent()) || '').length > 5, `${name}: chart ${chartId} has no title`);
  const box = await svg.boundingBox();
  check(box && box.width > 200 && box.height > 100, `${name}: chart ${chartId} is not visible`);
  check(await page.locator(tableSelector).count() >= 1, `${name}: chart ${chartId} has no table (${tableSelector})`);
}

// --- Start page: the three sentences, facts, search, main links ---------
await pageType('start', '/', 200, async () => {
  check((await text('h1')).includes('kommun'), 'start: heading');
  check((await text('.hero .lead')).includes('Kommunkompassen'), 'start: no explanation');
  check((await text('.fact-list')).includes('290'), 'start: no count of municipalities');
  check((await text('.fact-list a[href="/saknas"]')).includes('utan siffror'), 'start: no count of evaluations without figures, linked to /saknas');
  check(await page.locator('.latest-list li').count() >= 5, 'start: fewer than 5 latest evaluations');
  check(await page.locator('datalist#sok-namn option').count() === 290, 'start: search suggestions are not the 290 names');
});

// The table and list checks can fail: a made-up table too wide for a phone
// and a made-up "4., 3." list on the start page are both caught.
await open('/');
await page.evaluate(() => {
  const main = document.querySelector('main');
  const table = document.createElement('table');
  table.id = 'made-up-wide';
  table.insertRow().insertCell().textContent = 'x'.repeat(300);
  main.appendChild(table);
  const ol = document.createElement('ol');
  ol.reversed = true;
  for (let i = 0; i < 2; i++) {
    const details = document.createElement('details');
    details.appendChild(document.createElement('summary')).textContent = 'Källa';
    ol.appendChild(document.createElement('li')).appendChild(details);
  }
  main.appendChild(ol);
});
{
  const before = failures.length;
  await tablesFit('made-up');
  await listNumbers('made-up');
  const caught = failures.splice(before);
  check(caught.length === 2 && caught[0].includes('#made-up-wide') && caught[1].includes('"4." where 2. belongs'),
    `the table and list checks missed a made-up fault: ${caught.join(' | ') || 'nothing caught'}`);
}

// The search box, as a person uses it: diacritics do not matter.
await open('/');
await page.fill('#sok', 'orebro');
await Promise.all([arrival('/kommun/1880-orebro'), page.press('#sok', 'Enter')]);
check((await text('h1')) === 'Örebro', `search "orebro" did not land on Örebro (${page.url()})`);

await pageType('sok', '/sok?q=upplands', 200, async () => {
  check(await page.locator('.hit-list li').count() === 2, 'sok: "upplands" should list two municipalities');
});
await page.click('text=Upplands Väsby');
check((await text('h1')) === 'Upplands Väsby', 'sok: following a hit');

// Main menu links.
for (const [label, expectPath, heading] of [
  ['Kommuner', '/kommuner', 'Alla kommuner'],
  ['Jämför', '/jamfor', 'Jämför kommuner'],
  ['Rankning', '/rankning', 'Rankning på totalpoäng'],
  ['Om metoden', '/om', 'Om metoden'],
]) {
  await open('/');
  await Promise.all([page.waitForURL(`**${expectPath}`), page.click(`nav[aria-label="Huvudmeny"] >> text=${label}`)]);
  check((await text('h1')) === heading, `menu ${label}: heading is "${await text('h1')}"`);
}

// --- Municipality pages -------------------------------------------------
await pageType('kommun-kumla', '/kommun/1881-kumla', 200, async () => {
  check((await text('h1')) === 'Kumla', 'kumla: heading');
  check((await text('.key-figures')).includes('557'), 'kumla: total 557 not shown');
  await chartWithTable('kumla', 'diagram-omraden', '#tabell-omraden');
  const brukar = await text('#tabell-omraden tbody tr:nth-child(5)');
  check(brukar.includes('Brukarens fokus') && brukar.includes('65'), `kumla: row 5 reads "${brukar}"`);
  check(await page.locator('#tabell-delomraden tbody tr:not(.group-row)').count() === 35, 'kumla: not 35 sub-areas');
  check((await page.locator('section[aria-labelledby="forandring"]').innerText()).includes('Poängen från 2017 har inte publicerats'), 'kumla: 2017 not shown as unpublished');
  check(await page.locator('a[href="/kommun/1881.csv"]').count() === 1, 'kumla: no CSV link');
  check((await text('#ladda-ner + ul li')).startsWith('Sidans uppgifter: Excel (.xlsx)'), 'kumla: the spreadsheet is not offered first');
  check(await page.locator('.sources-list > li').count() === 2, 'kumla: not two sources');
});

// Print stylesheet: no menu, no forms, the charts stay.
await page.emulateMedia({ media: 'print' });
check(!(await page.locator('header.site').isVisible()), 'print: the site header is printed');
check(await page.locator('svg#diagram-omraden').isVisible(), 'print: the chart is not printed');
await page.screenshot({ path: path.join(shotDir, 'kommun-kumla-print.png'), fullPage: true });
// The printed profile as Chromium saves it: A4, counted and shown by browser.rs.
await page.pdf({ path: path.join(shotDir, 'kommun-kumla.pdf'), format: 'A4', preferCSSPageSize: true });
check(!(await page.locator('#styrkor').isVisible()), 'print: the report prose is printed');
check(!(await page.locator('#badda-in').isVisible()), 'print: the embed code is printed');
check(await page.locator('.print-footer').isVisible(), 'print: no source and data version line');
await page.emulateMedia({ media: 'screen' });

// --- Embeds: any site may frame them, and the suggested height fits ------
await pageType('inbadda', '/kommun/0115/inbadda', 200, async () => {
  check((await text('h1')).includes('Vallentuna'), 'inbadda: heading');
  check(await page.locator('svg#diagram-omraden').count() === 1, 'inbadda: no chart');
  check((await text('footer')).includes('CC BY 4.0') && (await text('footer')).includes('Källa:'), 'inbadda: no source or licence');
  check(await page.locator('a[href="/kommun/0115-vallentuna"]').count() === 1, 'inbadda: no link back');
});
for (const code of ['1881', '0115', '0117']) {
  await open(`/kommun/${code}`);
  const snippet = await page.locator('#inbaddningskod').inputValue().catch(() => '');
  const height = Number((snippet.match(/height="(\d+)"/) || [])[1]);
  if (code === '0117') {
    check(snippet === '', 'osteraker: an embed offered for a municipality never evaluated');
    continue;
  }
  check(height > 300 && snippet.includes(`${base}/kommun/${code}/inbadda`), `kommun ${code}: iframe code "${snippet}"`);
  // Another site's page (a real other origin: a server of this script's own
  // on another loopback port) with the snippet, and one framing the full page.
  const otherSite = await serveOnce(`<!doctype html><title>Annan webbplats</title><p>Annan webbplats</p>${snippet.replace('width="100%"', 'width="400"')}<iframe id="full" src="${base}/kommun/${code}" width="400" height="300"></iframe>`);
  await page.goto(otherSite.url);
  await page.waitForTimeout(1500);
  const embed = await (await page.$('iframe:not(#full)')).contentFrame();
  check(embed && await embed.locator('footer.embed-footer').count() === 1, `kommun ${code}: the embed did not load in another site's frame`);
  if (embed) {
    const used = await embed.evaluate(() => Math.ceil(document.body.getBoundingClientRect().bottom));
    check(used <= height, `kommun ${code}: the embed needs ${used}px, the suggested height is ${height}`);
  }
  // The same frame mechanism, but the full page refuses it (frame-ancestors 'none').
  const full = await (await page.$('#full')).contentFrame();
  const fullShown = full ? await full.locator('header.site').count().catch(() => 0) : 0;
  console.log(`kommun ${code}: framed by another site: embed loaded, full page shown ${fullShown} time(s) (frame at ${full && full.url()})`);
  check(fullShown === 0, `kommun ${code}: the full page was shown inside another site's frame`);
  otherSite.close();
}

await pageType('kommun-vallentuna', '/kommun/0115-vallentuna', 200, async () => {
  check((await text('.status')).includes('3 gånger'), 'vallentuna: not three evaluations');
  await chartWithTable('vallentuna', 'diagram-utveckling', 'section[aria-labelledby="over-tid"] details table');
  await page.click('section[aria-labelledby="over-tid"] summary');
  const table = await text('section[aria-labelledby="over-tid"] details table');
  check(['555', '603', '648'].every((t) => table.includes(t)), `vallentuna: history table reads "${table}"`);
  check(await page.locator('#diagram-utveckling line[stroke-dasharray="5 4"]').count() === 1, 'vallentuna: no revision boundary drawn');
});

await pageType('kommun-strangnas', '/kommun/0486-strangnas', 200, async () => {
  const change = await page.locator('section[aria-labelledby="forandring"]').innerText();
  check(change.includes('Olika kriterier'), 'strangnas: crossing revisions not flagged');
  check(change.includes('+9') && change.includes('stark'), 'strangnas: +9 (stark) not shown');
});

await pageType('kommun-grastorp', '/kommun/1444-grastorp', 200, async () => {
  check((await text('.status')).includes('1 gång'), 'grastorp: not once');
  check(await page.locator('#over-tid').count() === 0, 'grastorp: history shown for one evaluation');
  await chartWithTable('grastorp', 'diagram-omraden', '#tabell-omraden');
});

await pageType('kommun-osteraker', '/kommun/0117-osteraker', 200, async () => {
  check((await text('main')).includes('ej utvärderad'), 'osteraker: "ej utvärderad" missing');
});
await Promise.all([arrival('/kommun/0115-vallentuna'), page.click('main >> text=Vallentuna')]);
check((await text('h1')) === 'Vallentuna', 'osteraker: county link to Vallentuna');

await pageType('404', '/kommun/kumal', 404, async () => {
  check((await text('h1')) === 'Sidan finns inte', '404: heading');
  check(await page.locator('.suggestions a[href="/kommun/1881-kumla"]').count() === 1, '404: Kumla not suggested');
});

// --- Compare: three revisions, then the form without JavaScript ----------
await pageType('jamfor', '/jamfor?kommun=1881,0115,1444', 200, async () => {
  await chartWithTable('jamfor', 'diagram-jamfor', '#tabell-jamfor');
  check(await page.locator('svg#diagram-jamfor-total').count() === 1, 'jamfor: no chart of the totals');
  const table = await text('#tabell-jamfor');
  check(['557', '648', '506'].every((t) => table.includes(t)), 'jamfor: totals 557, 648, 506 not in the table');
  check((await text('main')).includes('Olika versioner av kriterierna'), 'jamfor: no note on differing revisions');
});
await page.fill('#lagg-till', 'strangnas');
await Promise.all([arrival('/jamfor?kommun=1881,0115,1444,0486'), page.click('form button:has-text("Lägg till")')]);
check(await page.locator('.chips li').count() === 4, 'jamfor: Strängnäs not added');
await Promise.all([arrival('/jamfor?kommun=1881,0115,1444'), page.click('.chips li:has-text("Strängnäs") a.remove')]);
check(await page.locator('.chips li').count() === 3, 'jamfor: Strängnäs not removed');

// Örebro on 2012 (all eight areas) by default, the reader picks 2015; the
// reference figure beside two evaluations of the same criteria.
await pageType('jamfor-val', '/jamfor?kommun=1880,1881', 200, async () => {
  check((await text('#tabell-jamfor thead')).includes('2012'), 'jamfor-val: Örebro not compared on 2012');
  await page.selectOption('#utvardering-0', '1880:2015');
  await Promise.all([arrival('/jamfor?kommun=1880:2015,1881'), page.click('form.picker button')]);
  check((await text('#tabell-jamfor thead')).includes('2015'), 'jamfor-val: the picked 2015 is not compared');
});
await pageType('jamfor-referens', '/jamfor?kommun=1881,0115', 200, async () => {
  check((await text('#tabell-jamfor thead')).includes('Sverigesnitt 2021'), 'jamfor-referens: no reference column');
  check((await page.locator('svg#diagram-jamfor-total').innerHTML()).includes('Sverigesnitt 2021'), 'jamfor-referens: no reference in the totals chart');
});
await pageType('jamfor-ej-utvarderad', '/jamfor?kommun=1881,0120', 200, async () => {
  const main = await text('main');
  check(!main.includes('Alla kommunerna har utvärderats'), 'jamfor-ej-utvarderad: says all were evaluated');
  const cells = await page.locator('#tabell-jamfor tbody td:nth-child(3)').allInnerTexts();
  check(cells.length > 0 && cells.every((c) => c.includes('ej utvärderad')), `jamfor-ej-utvarderad: Värmdö's cells read ${cells.join(' | ')}`);
});

// --- Rankings: the latest criteria by default, all as a choice ------------
await pageType('rankning', '/rankning', 200, async () => {
  const versions = await page.locator('#rankning tbody tr:not(.reference-row) td:nth-child(6)').allInnerTexts();
  check(versions.length >= 3 && versions.every((v) => v.includes('2019/2020')), `rankning: not only 2019/2020 by default: ${versions.join(' | ')}`);
  check((await text('#rankning tbody tr:first-child td')) === '1', 'rankning: first row is not rank 1');
  check((await text('main')).includes('kommuner i kompass utvärderade enligt kriterierna från 2019/2020'), 'rankning: the rank does not say among whom');
  check(await page.locator('#rankning tr.reference-row').count() === 1, 'rankning: no reference row');
});
await page.selectOption('#filter-version', 'alla');
await Promise.all([arrival((h) => h.startsWith('/rankning?revision=alla')), page.click('form.panel button')]);
check(await page.locator('#rankning tbody tr').count() >= 15, 'rankning: "Alla versioner" has fewer than 15 rows');
check((await text('main')).includes('Jämför med försiktighet'), 'rankning: no comparability caveat for all versions');
await Promise.all([arrival((h) => h.includes('sortera=namn') && h.includes('revision=alla')), page.click('#rankning thead >> text=Kommun')]);
const names = await page.locator('#rankning tbody th').allInnerTexts();
check(names.join() === [...names].sort((a, b) => a.localeCompare(b, 'sv')).join(), `rankning: not sorted by name: ${names.join(', ')}`);

await pageType('omrade', '/omrade/brukarens-fokus?revision=alla', 200, async () => {
  check((await text('h1')).includes('Brukarens fokus'), 'omrade: heading');
  check((await text('#rankning')).includes('Grästorp'), 'omrade: Grästorp (older criteria) missing');
});

// --- Change: computed same-criteria changes ranked, stated ones apart ----
await pageType('forandring', '/forandring', 200, async () => {
  check((await text('h1')).startsWith('Förändring'), 'forandring: heading');
  check((await text('#forandring tbody tr:first-child td')) === '1', 'forandring: first row is not rank 1');
  await chartWithTable('forandring', 'diagram-forandring', '#forandring');
  check(await page.locator('#uppgivna-forandringar tbody tr').count() >= 2, 'forandring: the stated changes are not listed apart');
  check(!(await text('#forandring')).includes('Ängelholm'), 'forandring: a change across versions among the default rows');
  check(await page.locator('a[href="/forandring.xlsx"]').count() === 1, 'forandring: no workbook link');
  check(await page.locator('#inbaddningskod').count() === 1, 'forandring: no embed code');
});
await page.selectOption('#filter-versioner', 'alla');
await Promise.all([arrival((h) => h.startsWith('/forandring?') && h.includes('versioner=alla')), page.click('form.panel button')]);
{
  const rows = await page.locator('#forandring tbody tr.crosses').allInnerTexts();
  check(rows.some((r) => r.includes('Ängelholm') && r.includes('över versioner')), `forandring: Ängelholm not marked across versions: ${rows.join(' | ')}`);
}

await pageType('kommuner', '/kommuner', 200, async () => {
  check(await page.locator('section.county').count() === 21, 'kommuner: not 21 counties');
  check(await page.locator('.counties a[href^="/kommun/"]').count() === 290, 'kommuner: not 290 municipalities');
  const counties = await page.locator('section.county h2').allInnerTexts();
  check(counties.join() === [...counties].sort((a, b) => a.localeCompare(b, 'sv')).join(), `kommuner: counties not in Swedish order: ${counties.join(', ')}`);
});
await page.check('input[name="visa"][value="utvarderade"]');
await Promise.all([arrival('/kommuner?visa=utvarderade'), page.click('form.panel button')]);
{
  const shown = await page.locator('.counties a[href^="/kommun/"]').count();
  check(shown > 10 && shown < 290, `kommuner: "Bara utvärderade" shows ${shown}`);
  check(!(await text('.counties')).includes('ej utvärderad'), 'kommuner: "Bara utvärderade" lists one never evaluated');
}
await Promise.all([arrival('/kommun/1881-kumla'), page.click('.counties >> text=Kumla')]);

await pageType('om', '/om', 200, async () => {
  check(await page.locator('#oversattning').count() === 1, 'om: no crosswalk section');
  const main = await text('main');
  check(main.includes('CC BY 4.0'), 'om: no licence');
  check(main.includes('+137 poäng jämfört med 2017') && !main.includes('420'), 'om: Kumla not as kumla.se states it');
  check(await page.locator('main a[href="/bidra"]').count() >= 1, 'om: no link to /bidra');
  check(await page.locator('main a[href="/saknas"]').count() >= 1, 'om: no link to /saknas');
});

// --- What kompass does not know, and /bidra prefilled from it -----------
await pageType('saknas', '/saknas', 200, async () => {
  check((await text('h1')) === 'Utvärderingar utan siffror', 'saknas: heading');
  check(await page.locator('section.gaps').count() > 10, 'saknas: fewer than 11 municipalities');
  const links = await page.locator('a[href^="/bidra?kommun="]').count();
  const listed = await page.locator('.gap-list li').count();
  check(links === listed && links > 50, `saknas: ${links} /bidra links for ${listed} evaluations`);
  check(await page.locator('a[href="/saknas.xlsx"]').count() === 1, 'saknas: no spreadsheet');
  check(await page.locator('a[href="/api/v1/evaluations?scores=none"]').count() === 1, 'saknas: no API link');
  check((await text('#kommun-1880')).includes('minst 5 utvärderingar'), 'saknas: Örebro\'s count missing');
});
await Promise.all([arrival('/bidra?kommun=1880&ar=2010'), page.click('#kommun-1880 a.contribute')]);
await look('bidra-vald', async () => {
  check((await text('#vald-utvardering')).includes('Örebros utvärdering 2010'), 'bidra-vald: the evaluation is not named');
  check(await page.locator('#vald-kommun').inputValue() === '1880', 'bidra-vald: Örebro not selected');
  check(await page.locator('#valt-ar').inputValue() === '2010', 'bidra-vald: 2010 not filled in');
});
await Promise.all([arrival('/bidra/siffror?kommun=1880&ar=2010'), page.click('#vald-utvardering a[href^="/bidra/siffror"]')]);
await look('bidra-siffror-vald', async () => {
  check(await page.locator('#f-municipality').inputValue() === '1880', 'bidra-siffror-vald: Örebro not selected');
  check(await page.locator('#f-year').inputValue() === '2010', 'bidra-siffror-vald: 2010 not filled in');
  check(await page.locator('#f-revision').inputValue() === 'v2010', 'bidra-siffror-vald: the criteria not filled in');
});

await pageType('api', '/api', 200, async () => {
  check((await text('h1')).length > 0, 'api: no heading');
  check(await page.locator('a[href="/api/v1/openapi.json"]').count() >= 1, 'api: no link to the OpenAPI document');
  check(await page.locator('a[href="/data/kompass.csv"]').count() >= 1, 'api: no link to the CSV');
  check((await text('pre.example')) === `curl ${base}/api/v1/municipalities/1881`, `api: curl example "${await text('pre.example')}"`);
  check(!/\d{4}-\d{2}-\d{2}T\d/.test(await text('main')), 'api: a raw timestamp on the page');
});

await finish('browser checks');
