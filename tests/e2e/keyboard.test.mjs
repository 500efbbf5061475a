// Issue #15 point 10: the keyboard. The search box has focus on arrival and
// "/" brings it back; a skip link; the quotations of an article are one tab
// stop (arrow keys between them); Ctrl+Enter runs the paste page; a visible
// focus ring; every page from one layout.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useBrowser, newPage, api, base, pasteAndRun, quotedPeopleText} from './harness.mjs';

useBrowser();

const focused = page => page.evaluate(() => document.activeElement && (document.activeElement.id ||
                                       document.activeElement.className || document.activeElement.tagName));

test('the search box has focus on arrival, and "/" brings it back', async () => {
  const page = await newPage();
  for (const path of ['/', '/search']) {
    await page.goto(base + path);
    await page.waitForLoadState('networkidle');
    assert.equal(await page.evaluate(() => document.activeElement.type), 'search', path);
    await page.locator('main h1').first().click();
    assert.notEqual(await page.evaluate(() => document.activeElement.type), 'search');
    await page.keyboard.press('/');
    assert.equal(await page.evaluate(() => document.activeElement.type), 'search', `"/" on ${path}`);
    assert.equal(await page.evaluate(() => document.activeElement.value.includes('/')), false);
  }
  // Where there is no search box, "/" goes to the search page.
  const article = (await api('/api/search?q=Kia')).results[0].article.id;
  await page.goto(`${base}/articles/${article}`);
  await page.locator('#text mark.quote').first().waitFor();
  await Promise.all([page.waitForURL(base + '/search'), page.keyboard.press('/')]);
  await page.waitForLoadState('networkidle');
  assert.equal(await focused(page), 'q');
  await page.close();
});

test('the first Tab reaches a skip link that moves to the content', async () => {
  const page = await newPage();
  await page.goto(base + '/conflicts');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'skip-link');
  assert.ok(await page.locator('.skip-link').isVisible());
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'main');
  await page.close();
});

test('the quotations are one tab stop; the arrow keys move between them', async () => {
  const {text, people} = quotedPeopleText(12);
  const page = await newPage();
  await pasteAndRun(page, text);
  const marks = await page.locator('#text mark.quote').count();
  assert.ok(marks >= 12);
  const stops = await page.$$eval('#text mark.quote', ms => ms.filter(m => m.tabIndex >= 0).length);
  assert.equal(stops, 1, 'one tab stop for all the quotations');
  await page.locator('#text mark.quote').first().focus();
  for (let i = 1; i < 4; i++) {
    await page.keyboard.press('ArrowRight');
    assert.equal(await page.evaluate(() => document.activeElement.dataset.quote), String(i));
  }
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.quote), String(marks - 1));
  await page.keyboard.press('Enter');
  assert.match(await page.locator('#detail').innerText(), new RegExp(people[11]));
  // Past all the quotations in one Tab.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.closest('#text')), null);
  await page.close();
});

test('Ctrl+Enter in the paste box runs it', async () => {
  const page = await newPage();
  await page.goto(base + '/paste');
  assert.equal(await focused(page), 'input');
  await page.keyboard.insertText(quotedPeopleText(2).text);
  await page.keyboard.press('Control+Enter');
  await page.locator('#legend .legend-item').first().waitFor();
  assert.match(await page.locator('#status').innerText(), /2 quotations/);
  await page.close();
});

test('a visible focus ring on links, buttons, fields and quotations', async () => {
  const ring = page => page.evaluate(() => {
    const st = getComputedStyle(document.activeElement);
    return {style: st.outlineStyle, width: parseFloat(st.outlineWidth)};
  });
  const page = await newPage();
  await page.goto(base + '/search?q=government');
  await page.locator('.result').first().waitFor();
  await page.locator('main h1').click();
  const seen = new Set();
  for (let i = 0; i < 16; i++) {
    await page.keyboard.press('Tab');
    const what = await page.evaluate(() => document.activeElement.tagName);
    if (what === 'BODY') break;
    seen.add(what);
    const r = await ring(page);
    assert.equal(r.style, 'solid', `${what}: ${JSON.stringify(r)}`);
    assert.ok(r.width >= 2, `${what}: ring ${r.width}px`);
  }
  for (const tag of ['A', 'INPUT', 'SELECT', 'BUTTON']) assert.ok(seen.has(tag), `reached a ${tag}`);
  // The skip link and the header's links too.
  await page.goto(base + '/search');
  await page.locator('main h1').click();
  await page.keyboard.press('Shift+Tab');
  assert.equal((await ring(page)).style, 'solid');

  const {text} = quotedPeopleText(2);
  await pasteAndRun(page, text);
  await page.locator('#text mark.quote').first().focus();
  await page.keyboard.press('ArrowRight');
  const r = await ring(page);
  assert.equal(r.style, 'solid');
  assert.ok(r.width >= 2);
  await page.close();
});

test('every page has the one layout: the same head, header and navigation', async () => {
  const article = (await api('/api/search?q=Kia')).results[0].article.id;
  const speaker = (await api('/api/speakers?top=1')).speakers[0].id;
  const pages = ['/', '/search', '/speakers', '/conflicts', '/paste', `/articles/${article}`, `/speakers/${speaker}`];
  const shells = new Set();
  for (const p of pages) {
    const html = await (await fetch(base + p)).text();
    const shell = html.replace(/<title>[^<]*<\/title>/, '').replace(/\/static\/\w+\.js/g, '')
                      .replace(/data-page="\w+"/, '').replace(/<main[^>]*>[\s\S]*<\/main>/, '');
    shells.add(shell);
    assert.match(html, /<a class="skip-link" href="#main">/, p);
  }
  assert.equal(shells.size, 1, 'one shared layout');
});
