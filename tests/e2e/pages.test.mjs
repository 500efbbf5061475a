// Issue #15 point 7: the speakers list and conflicts pages, in the navigation;
// conflict cards that link to both articles; search filters by role and
// confidence, exports what it shows as CSV and JSONL; the speaker field
// suggests names.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useBrowser, newPage, api, shot, base} from './harness.mjs';

useBrowser();

test('the navigation leads to the speakers and conflicts pages', async () => {
  const page = await newPage();
  await page.goto(base + '/');
  for (const [href, heading] of [['/speakers', /Speakers/], ['/conflicts', /Conflicting attributions/]]) {
    await Promise.all([page.waitForURL(base + href), page.click(`header nav a[href="${href}"]`)]);
    assert.match(await page.locator('main h1').innerText(), heading);
    assert.equal(await page.locator(`header nav a[href="${href}"]`).getAttribute('aria-current'), 'page');
  }
  await page.close();
});

test('the speakers page lists the most quoted and finds a speaker by the start of a name', async () => {
  const page = await newPage();
  await page.goto(base + '/speakers');
  await page.locator('#speakers tr').first().waitFor();
  const {speakers} = await api('/api/speakers?top=200');
  assert.equal(await page.locator('#speakers tr').count(), speakers.length);
  assert.equal(await page.locator('#speakers tr a').first().innerText(), 'John Key');
  await shot(page, 'speakers');
  await page.fill('#q', 'gof');
  await Promise.all([page.waitForURL(/\/speakers\?q=gof/), page.press('#q', 'Enter')]);
  await page.locator('#speakers tr a', {hasText: 'Phil Goff'}).waitFor();
  assert.equal(await page.locator('#speakers tr').count(), 1);
  await Promise.all([page.waitForURL(/\/speakers\/\d+$/), page.click('#speakers tr a')]);
  // The heading reads "Speaker" until the page's data has arrived.
  await page.waitForFunction(() => document.querySelector('#name').textContent !== 'Speaker');
  assert.equal(await page.locator('#name').innerText(), 'Phil Goff');
  await page.close();
});

// Each side of a conflict links to an article that gives the statement to that speaker.
async function checkConflictCards(page, cards) {
  const n = await cards.count();
  assert.ok(n >= 1, 'at least one conflict');
  for (let i = 0; i < n; i++) {
    const card = cards.nth(i);
    const quote = await card.locator('blockquote').innerText();
    const sides = card.locator('li');
    assert.ok(await sides.count() >= 2);
    const articles = new Set();
    for (let s = 0; s < await sides.count(); s++) {
      const speaker = await sides.nth(s).locator('.speaker').innerText();
      const href = await sides.nth(s).locator('a.article-link').getAttribute('href');
      assert.match(href, /^\/articles\/\d+$/);
      articles.add(href);
      const data = await api('/api' + href);
      assert.ok(data.quotes.some(q => q.speaker && q.speaker.name === speaker &&
                                      quote.includes(q.text.slice(0, 20))),
                `${href} attributes “${quote}” to ${speaker}`);
    }
    assert.ok(articles.size >= 2, 'the card links to both articles');
  }
}

test('conflict cards link to both articles, on the conflicts page and the overview', async () => {
  const page = await newPage();
  await page.goto(base + '/conflicts');
  await page.locator('#conflicts .conflict').first().waitFor();
  await checkConflictCards(page, page.locator('#conflicts .conflict'));
  await shot(page, 'conflicts');
  await page.goto(base + '/');
  await page.locator('#conflicts .conflict').first().waitFor();
  await checkConflictCards(page, page.locator('#conflicts .conflict'));
  await page.close();
});

test('search filters by role and confidence', async () => {
  const page = await newPage();
  await page.goto(base + '/search');
  await page.fill('#role', 'Labour');
  await Promise.all([page.waitForURL(/role=Labour/), page.click('#search-form button[type=submit]')]);
  await page.locator('.result').first().waitFor();
  for (const role of await page.locator('.result .role').allInnerTexts()) assert.match(role, /Labour/);
  assert.equal(await page.locator('.result').count(), (await api('/api/search?role=Labour')).results.length);

  await page.goto(base + '/search');
  await page.selectOption('#min_confidence', '0.9');
  await Promise.all([page.waitForURL(/min_confidence=0.9/), page.click('#search-form button[type=submit]')]);
  const expected = (await api('/api/search?min_confidence=0.9')).results;
  const all = (await api('/api/search?limit=100')).results;
  assert.ok(expected.length > 0 && expected.length < all.length, 'the fixtures have quotes on both sides of 0.9');
  await page.locator('.result').first().waitFor();
  assert.equal(await page.locator('.result').count(), expected.length);
  for (const c of await page.locator('.result .confidence').allInnerTexts())
    assert.ok(Number(c.replace(/[^\d.]/g, '')) >= 0.9, c);
  assert.equal(await page.locator('#min_confidence').inputValue(), '0.9');
  await page.close();
});

test('search exports what it shows as CSV and JSONL', async () => {
  const page = await newPage();
  await page.goto(base + '/search?speaker=John+Key&kind=direct');
  await page.locator('.result').first().waitFor();
  const shown = await page.locator('.result .quote-text').allInnerTexts();
  assert.equal(await page.locator('#export').isVisible(), true);

  const jsonl = await page.locator('#export-jsonl').getAttribute('href');
  assert.match(jsonl, /^\/api\/search\?.*format=jsonl/);
  let res = await fetch(base + jsonl);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^application\/x-ndjson/);
  const lines = (await res.text()).trim().split('\n').map(l => JSON.parse(l));
  assert.deepEqual(lines.map(l => l.text), shown);
  for (const l of lines) assert.equal(l.speaker.name, 'John Key');

  const csv = await page.locator('#export-csv').getAttribute('href');
  res = await fetch(base + csv);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="quotes\.csv"/);
  const rows = (await res.text()).trim().split('\r\n');
  assert.match(rows[0], /^id,text,kind,speaker,/);
  assert.equal(rows.length, shown.length + 1);

  // Through the browser: a download, not a page.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
  assert.equal(download.suggestedFilename(), 'quotes.csv');
  await page.close();
});

test('the speaker field suggests stored names as one types', async () => {
  const page = await newPage();
  await page.goto(base + '/search');
  await page.locator('#speaker').pressSequentially('Ph', {delay: 30});
  await page.waitForFunction(() => document.querySelectorAll('#speaker-options option').length > 0);
  const options = await page.$$eval('#speaker-options option', os => os.map(o => o.value));
  assert.deepEqual(options, ['Phil Goff']);
  assert.equal(await page.locator('#speaker').getAttribute('list'), 'speaker-options');
  await page.close();
});
