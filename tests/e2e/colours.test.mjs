// Issue #15 point 8: speaker colours. No two speakers of one article look the
// same (colour and underline pattern), the colours come from a palette safe for
// colour-blind readers, the name is reachable on hover, focus and touch (a
// tooltip, not only a title attribute), and the legend stays in view.
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {useBrowser, newPage, shot, pasteAndRun, quotedPeopleText, DESKTOP, PHONE} from './harness.mjs';

useBrowser();

// Okabe & Ito (2008), the palette designed to stay distinct under the common
// colour-vision deficiencies; yellow darkened for its underline to show on white.
const OKABE_ITO = ['rgb(230, 159, 0)', 'rgb(86, 180, 233)', 'rgb(0, 158, 115)', 'rgb(184, 172, 0)',
                   'rgb(0, 114, 178)', 'rgb(213, 94, 0)', 'rgb(204, 121, 167)', 'rgb(0, 0, 0)'];

async function looks(page) {
  return page.$$eval('#text mark.quote', ms => ms.map(m => {
    const st = getComputedStyle(m);
    return {speaker: m.dataset.speaker.split(' (')[0], background: st.backgroundColor,
            underline: st.borderBottomColor, pattern: st.borderBottomStyle, title: m.getAttribute('title')};
  }));
}

test('no two speakers of one article share a look, and the colours are colour-blind safe', async () => {
  const {text, people} = quotedPeopleText(12);
  const page = await newPage();
  await pasteAndRun(page, text);
  assert.equal(await page.locator('#legend .legend-item').count(), 12, 'the extractor found the 12 speakers');
  const marks = await looks(page);
  const bySpeaker = new Map();
  for (const m of marks) {
    const look = `${m.background}|${m.pattern}`;
    if (bySpeaker.has(m.speaker)) assert.equal(bySpeaker.get(m.speaker), look, `${m.speaker} has one look`);
    bySpeaker.set(m.speaker, look);
    assert.ok(OKABE_ITO.includes(m.underline), `${m.underline} is in the Okabe–Ito palette`);
    assert.equal(m.title, null, 'the name is not left to a title attribute');
  }
  assert.equal(bySpeaker.size, people.length);
  assert.equal(new Set(bySpeaker.values()).size, people.length, 'every speaker looks different');
  // The legend's swatches match the text.
  const swatches = await page.$$eval('#legend .swatch', ss => ss.map(s => {
    const st = getComputedStyle(s);
    return `${st.backgroundColor}|${st.borderBottomStyle}`;
  }));
  assert.equal(new Set(swatches).size, people.length);
  await shot(page, 'colours-12-speakers');
  await page.close();
});

async function tipText(page) {
  const tip = page.locator('#quote-tip');
  await tip.waitFor({state: 'visible'});
  return tip.innerText();
}

test('the speaker of a quotation shows on hover, on keyboard focus and on a tap', async () => {
  const {text, people} = quotedPeopleText(3);
  const page = await newPage();
  await pasteAndRun(page, text);
  const marks = page.locator('#text mark.quote');
  await marks.nth(1).hover();
  assert.match(await tipText(page), new RegExp(people[1]));
  await page.mouse.move(0, 0);
  await page.locator('#quote-tip').waitFor({state: 'hidden'});

  await marks.nth(0).focus();
  assert.match(await tipText(page), new RegExp(people[0]));
  assert.equal(await marks.nth(0).getAttribute('aria-describedby'), 'quote-tip');
  await page.keyboard.press('ArrowRight');
  assert.match(await tipText(page), new RegExp(people[1]));
  await page.close();

  const phone = await newPage({viewport: PHONE});
  await pasteAndRun(phone, text);
  await phone.locator('#text mark.quote').nth(2).tap();
  assert.match(await tipText(phone), new RegExp(people[2]));
  await phone.close();
});

for (const viewport of [DESKTOP, PHONE]) {
  test(`the legend stays in view while reading a long article at ${viewport.width} px`, async () => {
    const {text} = quotedPeopleText(6, 6);
    const page = await newPage({viewport});
    await pasteAndRun(page, text);
    const last = page.locator('#text mark.quote').last();
    await last.scrollIntoViewIfNeeded();
    assert.ok(await page.evaluate(() => window.scrollY) > 300, 'the page scrolled');
    const legend = await page.locator('#legend').boundingBox();
    const lastBox = await last.boundingBox();
    assert.ok(legend.y >= -1 && legend.y < viewport.height - 20, `legend top ${legend.y} is on screen`);
    assert.ok(lastBox.y >= 0 && lastBox.y < viewport.height, 'the quotation read is on screen too');
    assert.ok(await page.locator('#legend .legend-item').first().isVisible());
    await shot(page, `legend-${viewport.width}`);
    await page.close();
  });
}
