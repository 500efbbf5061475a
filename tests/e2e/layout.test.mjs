// Issue #15 point 9: every page at 375 px (a small phone) and at 1280 px: no
// horizontal overflow, the whole navigation on screen, tables scroll inside
// their own box. Console errors on any page fail the run (harness.mjs).
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useBrowser, newPage, api, shot, base, pasteAndRun, quotedPeopleText, DESKTOP, PHONE} from './harness.mjs';

useBrowser();

// Each page, and what to wait for before measuring it.
async function everyPage() {
  const article = (await api('/api/search?q=Kia')).results[0].article.id;
  const speaker = (await api('/api/speakers?top=1')).speakers[0].id;
  return [
    {name: 'overview', path: '/', ready: '#conflicts .conflict'},
    {name: 'search', path: '/search?q=government', ready: '.result'},
    {name: 'search-empty', path: '/search?q=zzzzqqq', ready: '#summary:has-text("No quotations")'},
    {name: 'speakers', path: '/speakers', ready: '#speakers tr'},
    {name: 'speaker', path: `/speakers/${speaker}`, ready: 'svg.month-chart'},
    {name: 'conflicts', path: '/conflicts', ready: '.conflict'},
    {name: 'article', path: `/articles/${article}`, ready: '#text mark.quote'},
    {name: 'paste', path: '/paste', ready: '#input'},
    {name: 'notfound', path: '/no/such/page', ready: 'main h1', status: 404},
  ];
}

// What sticks out of the viewport sideways: the document's overflow, and any
// element whose box passes the right edge (inside a scrolling box is fine).
async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push(`document ${document.documentElement.scrollWidth} > ${width}`);
    for (const e of document.querySelectorAll('body *')) {
      const r = e.getBoundingClientRect();
      if (r.width === 0 || (r.right <= width + 0.5 && r.left >= -0.5)) continue;
      let scroller = e.parentElement, inside = false;
      for (; scroller && scroller !== document.body; scroller = scroller.parentElement) {
        const o = getComputedStyle(scroller).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') { inside = true; break; }
      }
      if (!inside && !e.closest('.skip-link')) out.push(`${e.tagName.toLowerCase()}.${e.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return out.slice(0, 5);
  });
}

async function navOnScreen(page) {
  return page.$$eval('header nav a, header .brand', (links, width) => links.flatMap(a => {
    const r = a.getBoundingClientRect();
    const visible = r.width > 0 && r.left >= 0 && r.right <= width && r.top >= 0;
    return visible ? [] : [`${a.textContent} at ${Math.round(r.left)}–${Math.round(r.right)}`];
  }), await page.evaluate(() => document.documentElement.clientWidth));
}

for (const viewport of [PHONE, DESKTOP]) {
  test(`every page fits ${viewport.width} px: no overflow, the navigation whole`, async () => {
    for (const p of await everyPage()) {
      const page = await newPage({viewport, expectStatus: p.status});
      const res = await page.goto(base + p.path);
      assert.equal(res.status(), p.status || 200, p.path);
      await page.locator(p.ready).first().waitFor();
      await page.waitForLoadState('networkidle');
      assert.deepEqual(await overflow(page), [], `${p.path} at ${viewport.width} px`);
      assert.deepEqual(await navOnScreen(page), [], `navigation of ${p.path} at ${viewport.width} px`);
      assert.equal(await page.locator('header nav a').count(), 5);
      await shot(page, `${p.name}-${viewport.width}`);
      await page.close();
    }
    // The paste page with its result, and long unbroken words.
    const page = await newPage({viewport});
    const {text} = quotedPeopleText(4);
    await pasteAndRun(page, text + '\n\nSee https://example.org/' + 'a-very-long-path-segment'.repeat(8));
    assert.deepEqual(await overflow(page), [], `/paste with a result at ${viewport.width} px`);
    await shot(page, `paste-result-${viewport.width}`);
    await page.close();
  });
}
