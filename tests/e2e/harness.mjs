// Shared set-up of the browser tests: `whosaid serve` on a free loopback port
// over the database run.sh prepared, Debian's chromium driven by
// playwright-core, and a record of every page error, console error, dialog and
// request outside the server, which must stay empty. A test file calls
// useBrowser() once, at its top level.
import {before, after} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import path from 'node:path';
import {chromium} from 'playwright-core';

const BINARY = process.env.WHOSAID_BINARY;
const DB = process.env.WHOSAID_DB;
const SHOTS = process.env.WHOSAID_SCREENSHOTS;

export const DESKTOP = {width: 1280, height: 900};
export const PHONE = {width: 375, height: 740};

export let base;  // "http://127.0.0.1:PORT"
let server, browser;
const contexts = new Map();  // viewport width → browser context
const problems = [];

async function startServer() {
  server = spawn(BINARY, ['serve', '--db', DB, '--port', '0', '--quiet'], {stdio: ['ignore', 'pipe', 'inherit']});
  base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL from whosaid serve: ${out}`)), 20000);
    server.stdout.on('data', chunk => {
      out += chunk;
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) { clearTimeout(timer); resolve(m[0].slice(0, -1)); }
    });
    server.on('exit', code => reject(new Error(`whosaid serve exited with ${code}`)));
  });
}

export function useBrowser() {
  before(async () => {
    await startServer();
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
             '--no-first-run', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    if (browser) await browser.close();
    if (server) server.kill('SIGTERM');
    assert.deepEqual(problems, [], 'no page errors, console errors, dialogs or outside requests');
  });
}

async function contextFor(viewport) {
  if (!contexts.has(viewport.width)) {
    const context = await browser.newContext({viewport, hasTouch: viewport.width < 600});
    // Nothing but the server under test: a request elsewhere (a CDN) fails the test.
    await context.route('**/*', route => {
      const url = route.request().url();
      if (url.startsWith(base + '/')) return route.continue();
      problems.push(`request outside the server: ${url}`);
      return route.abort();
    });
    contexts.set(viewport.width, context);
  }
  return contexts.get(viewport.width);
}

// expectStatus: an HTTP error status the page is meant to meet (the browser logs it).
export async function newPage({expectStatus, viewport = DESKTOP} = {}) {
  const page = await (await contextFor(viewport)).newPage();
  page.on('pageerror', e => problems.push(`page error on ${page.url()}: ${e.message}`));
  page.on('console', m => {
    if (m.type() !== 'error') return;
    if (expectStatus && m.text().includes(`status of ${expectStatus}`)) return;
    problems.push(`console error on ${page.url()} at ${viewport.width} px: ${m.text()}`);
  });
  page.on('dialog', d => { problems.push(`dialog on ${page.url()}: ${d.message()}`); d.dismiss(); });
  return page;
}

export async function api(p) {
  const res = await fetch(base + p);
  assert.equal(res.status, 200, `${p}: ${res.status}`);
  return res.json();
}

export async function shot(page, name) {
  await page.screenshot({path: path.join(SHOTS, `${name}.png`), fullPage: true});
}

// A text for the paste page in which `n` people are quoted, one paragraph
// each, with `filler` paragraphs of plain text after each to make it long.
const PEOPLE = ['Angela Merkel', 'Martin Schulz', 'Anna Berg', 'John Smith', 'Maria Lopez', 'David Chen',
                'Sarah Jones', 'Peter Novak', 'Laura Rossi', 'Thomas Weber', 'Emma Clarke', 'Oliver Brown',
                'Sophie Martin', 'Daniel Fischer'];
export function quotedPeopleText(n, filler = 0) {
  const paragraphs = ['Council debate on the harbour plan'];
  for (let i = 0; i < n; i++) {
    paragraphs.push(`"The harbour plan number ${i + 1} is the right choice for the town," ${PEOPLE[i]} said on Monday.`);
    for (let f = 0; f < filler; f++)
      paragraphs.push('The meeting went on into the evening while residents waited outside in the rain for news.');
  }
  return {text: paragraphs.join('\n\n'), people: PEOPLE.slice(0, n)};
}

// Pastes `text` on /paste and waits for the result.
export async function pasteAndRun(page, text) {
  await page.goto(base + '/paste');
  await page.fill('#input', text);
  await page.click('#run');
  await page.locator('#legend .legend-item').first().waitFor();
}
