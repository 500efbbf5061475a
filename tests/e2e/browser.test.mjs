// End-to-end tests of the whosaid web pages in a real browser: Debian's
// chromium, headless, driven by playwright-core, against `whosaid serve` on a
// free loopback port over a database ingested from tests/fixtures/web (run.sh
// prepares it). Each page is also saved as a screenshot for a person to look at.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useBrowser, newPage, api, shot, base} from './harness.mjs';

useBrowser();

test('overview shows counts, top speakers and conflicts', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  await page.locator('#stats .card').first().waitFor();
  const stats = await page.locator('#stats').innerText();
  assert.match(stats, /5\s+articles/);
  await page.locator('#top-speakers li a').first().waitFor();
  assert.equal(await page.locator('#top-speakers li a').first().innerText(), 'John Key');
  await page.locator('#conflicts .conflict').first().waitFor();
  assert.match(await page.locator('#conflicts').innerText(), /Bill English/);
  await shot(page, 'overview');
  await page.close();
});

test('search finds a quote by a word in it, with the word highlighted', async () => {
  const page = await newPage();
  await page.goto(base + '/search');
  await page.fill('#q', 'fortnight');
  await Promise.all([page.waitForURL(/\/search\?q=fortnight/), page.click('#search-form button[type=submit]')]);
  await page.locator('.result').first().waitFor();
  assert.equal(await page.locator('.result').count(), 1);
  const result = page.locator('.result').first();
  assert.match(await result.locator('.quote-text').innerText(), /next fortnight/);
  assert.equal(await result.locator('mark.hit').innerText(), 'fortnight');
  assert.equal(await result.locator('.speaker').innerText(), 'John Key');
  assert.equal(await result.locator('.outlet').innerText(), 'NZ Herald');
  assert.equal(await result.locator('time').innerText(), '2014-05-02');
  assert.match(await result.locator('.role').innerText(), /Prime Minister/);
  await shot(page, 'search');

  // Accent- and case-insensitive, as the full-text index.
  await page.goto(base + '/search?q=otaki');
  await page.locator('.result').first().waitFor();
  assert.equal(await page.locator('.result mark.hit').first().innerText(), 'Ōtaki');
  await page.close();
});

test('search by speaker filter, with paging', async () => {
  const page = await newPage();
  await page.goto(base + '/search');
  await page.fill('#speaker', 'Phil Goff');
  await Promise.all([page.waitForURL(/speaker=Phil\+Goff/), page.click('#search-form button[type=submit]')]);
  await page.locator('.result').first().waitFor();
  const speakers = await page.locator('.result .speaker').allInnerTexts();
  assert.ok(speakers.length >= 2, `Phil Goff has two quotes, got ${speakers}`);
  for (const s of speakers) assert.equal(s, 'Phil Goff');
  await shot(page, 'search-speaker');

  // Paging: 20 a page; the fixtures have fewer, so no next link, and an offset
  // page links back.
  assert.equal(await page.locator('#pager a[rel=next]').count(), 0);
  await page.goto(base + '/search?offset=2');
  await page.locator('.result').first().waitFor();
  await page.locator('#pager a[rel=prev]').waitFor();
  await page.close();
});

// For each quotation mark on the page: its text, and its UTF-16 offset in the
// text box (the length of all the text before it).
async function marksWithOffsets(page) {
  return page.$$eval('#text mark.quote', marks => marks.map(m => {
    const range = document.createRange();
    range.setStart(document.getElementById('text'), 0);
    range.setEnd(m, 0);
    return {quote: Number(m.dataset.quote), offset: range.toString().length, text: m.textContent,
            speaker: m.dataset.speaker, cls: m.className};
  }));
}

test('article page highlights each quotation at its offsets, non-ASCII text included', async () => {
  const hit = (await api('/api/search?q=Kia')).results[0];
  const data = await api(`/api/articles/${hit.article.id}`);
  const bytes = Buffer.from(data.text, 'utf8');
  const page = await newPage();
  await page.goto(`${base}/articles/${hit.article.id}`);
  await page.locator('#text mark.quote').first().waitFor();
  assert.equal(await page.locator('#title').innerText(), 'Key: Cabinet, not Parliament, will decide on Iraq');
  // The whole text is shown, unchanged.
  assert.equal(await page.locator('#text').evaluate(e => e.textContent), data.text);

  const marks = await marksWithOffsets(page);
  const spans = data.quotes.flatMap((q, qi) => q.spans.map((s, i) => ({qi, bytes: s, s16: q.spans16[i]})));
  assert.equal(marks.length, spans.length);
  for (const sp of spans) {
    const mark = marks.find(m => m.quote === sp.qi && m.offset === sp.s16[0]);
    assert.ok(mark, `a mark at UTF-16 offset ${sp.s16[0]}`);
    // What the byte offsets select in the UTF-8 text is exactly what is highlighted.
    assert.equal(mark.text, bytes.subarray(sp.bytes[0], sp.bytes[1]).toString('utf8'));
  }
  // Non-ASCII before the quotations: byte and UTF-16 offsets differ, and the
  // Flavell quotation sits where the text says it does.
  const flavell = marks.find(m => m.text.startsWith('Kia ora'));
  assert.ok(flavell);
  assert.equal(flavell.offset, data.text.indexOf('Kia ora'));
  assert.notEqual(flavell.offset, bytes.indexOf(Buffer.from('Kia ora')));
  assert.match(flavell.speaker, /Te Ururoa Flavell/);
  // One colour per speaker.
  const key = marks.filter(m => /cabinet would consider|final call/i.test(m.text));
  assert.ok(key.length >= 2);
  assert.equal(new Set(key.map(m => m.cls)).size, 1);
  assert.notEqual(flavell.cls, key[0].cls);

  // Hover shows the speaker (the tooltip); a click shows the details.
  const mark = page.locator('#text mark.quote', {hasText: 'Kia ora'});
  await mark.hover();
  await mark.click();
  await page.locator('#detail').waitFor();
  assert.match(await page.locator('#detail').innerText(), /Te Ururoa Flavell/);
  assert.match(await page.locator('#legend').innerText(), /John Key/);
  await shot(page, 'article');
  await page.close();
});

test('speaker page shows aliases, roles, the chart of quotes per month and latest quotes', async () => {
  const {speakers} = await api('/api/speakers?top=1');
  const page = await newPage();
  await page.goto(`${base}/speakers/${speakers[0].id}`);
  await page.locator('svg.month-chart').waitFor();
  assert.equal(await page.locator('#name').innerText(), 'John Key');
  // 2014-05 … 2014-09: five months, three with quotes.
  const bars = await page.$$eval('svg.month-chart rect.bar', rs => rs.map(r => ({
    month: r.dataset.month, quotes: Number(r.dataset.quotes), height: Number(r.getAttribute('height'))})));
  assert.deepEqual(bars.map(b => b.month), ['2014-05', '2014-06', '2014-07', '2014-08', '2014-09']);
  assert.deepEqual(bars.filter(b => b.quotes > 0).map(b => b.month), ['2014-05', '2014-07', '2014-09']);
  for (const b of bars) assert.equal(b.height > 0, b.quotes > 0);
  const box = await page.locator('svg.month-chart').boundingBox();
  assert.ok(box.width > 300 && box.height > 80, 'the chart is drawn at a readable size');
  assert.match(await page.locator('#roles').innerText(), /Prime Minister/);
  assert.ok(await page.locator('#aliases li').count() >= 1);
  assert.ok(await page.locator('#latest .result').count() >= 3);
  assert.match(await page.locator('#outlets').innerText(), /NZ Herald/);
  await shot(page, 'speaker');
  await page.close();
});

test('paste page extracts speakers from pasted text', async () => {
  const page = await newPage();
  await page.goto(base + '/paste');
  const text = 'Résumé of the day 🎉\n\n' +
    '"Wir schaffen das — we will manage this," Chancellor Angela Merkel said on Monday.\n\n' +
    'Opposition leader Martin Schulz said the plan was too vague.\n\n' +
    '"<script>window.__xss = 3</script> is fine," said Anna Berg.';
  await page.fill('#input', text);
  await page.click('#run');
  await page.locator('#legend .legend-item').first().waitFor();
  const legend = await page.locator('#legend').innerText();
  assert.match(legend, /Angela Merkel/);
  assert.match(legend, /Martin Schulz/);
  const merkel = page.locator('#text mark.quote', {hasText: 'Wir schaffen das'});
  assert.match(await merkel.innerText(), /^Wir schaffen das — we will manage this,?$/);
  assert.match(await merkel.getAttribute('data-speaker'), /Angela Merkel/);
  assert.match(await page.locator('#status').innerText(), /quotation/);
  assert.equal(await page.locator('#text').evaluate(e => e.textContent), text.replace(/\r\n/g, '\n'));
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await shot(page, 'paste');
  await page.close();
});

test('a quotation containing <script> is shown as text and never runs', async () => {
  const hit = (await api('/api/search?q=policy')).results[0];
  assert.match(hit.text, /<script>/);
  const page = await newPage();
  for (const url of [`${base}/search?q=policy`, `${base}/articles/${hit.article.id}`,
                     `${base}/search?q=minutes`]) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => window.__xss), undefined, url);
    // Only our own two scripts; no element from the quotation.
    assert.equal(await page.locator('script').count(), 2, url);
    assert.equal(await page.locator('img').count(), 0, url);
  }
  await page.goto(`${base}/search?q=policy`);
  await page.locator('.result').first().waitFor();
  assert.match(await page.locator('.result .quote-text').first().innerText(),
               /<script>window.__xss = 1<\/script> is not how we write policy <img src=x onerror='window.__xss=2'>/);
  await shot(page, 'script-quote');
  await page.close();
});

test('an unknown article gets the 404 page', async () => {
  const page = await newPage({expectStatus: 404});
  const res = await page.goto(`${base}/articles/999999`);
  assert.equal(res.status(), 404);
  assert.match(await page.locator('main h1').innerText(), /Not found/);
  assert.equal(await page.locator('nav a[href="/search"]').count(), 1);
  await page.close();
});
