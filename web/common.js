// whosaid web pages: shared helpers. Plain browser JavaScript, no framework.
// Text from the API is only ever inserted as text nodes (el() and
// document.createTextNode), never parsed as HTML, so a quotation containing
// <script> shows as those characters.
'use strict';

const whosaid = (() => {
  // el('a', {href: '/x', class: 'y'}, 'text', childNode, ...) → element.
  // Attribute values are set with setAttribute; strings become text nodes.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
    return node;
  }

  // GET or POST to the API; resolves to the parsed JSON, rejects with an Error
  // whose message is the API's {"error": ...}.
  async function api(path, options) {
    const res = await fetch(path, options);
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      throw new Error(`${res.status} ${res.statusText}`);
    }
    if (!res.ok) throw new Error(body && body.error ? body.error : `${res.status} ${res.statusText}`);
    return body;
  }

  function showError(container, err) {
    clear(container);
    container.appendChild(el('p', {class: 'error', role: 'alert'}, String(err.message || err)));
  }

  // Only http(s) URLs become links: an article URL is data, and
  // "javascript:..." must never be clickable.
  function safeUrl(url) {
    return /^https?:\/\//i.test(url || '') ? url : null;
  }

  const KIND_LABEL = {direct: 'direct', indirect: 'indirect', mixed: 'mixed'};

  function speakerLink(name, id) {
    if (!name) return el('span', {class: 'unknown'}, '(unknown speaker)');
    return id ? el('a', {href: `/speakers/${id}`, class: 'speaker'}, name)
              : el('span', {class: 'speaker'}, name);
  }

  function roleText(role, org) {
    if (role && org && !role.includes(org)) return `${role}, ${org}`;
    return role || org || '';
  }

  function date10(d) { return (d || '').slice(0, 10); }

  function number(n) { return Number(n || 0).toLocaleString('en'); }

  // ---- highlighting search terms ----

  // Words of an FTS5 query worth highlighting: operators and syntax dropped;
  // "pre*" is a prefix.
  function queryTerms(q) {
    const terms = [];
    for (const m of (q || '').matchAll(/[\p{L}\p{N}]+\*?/gu)) {
      const w = m[0];
      if (/^(AND|OR|NOT|NEAR)$/.test(w)) continue;
      const prefix = w.endsWith('*');
      terms.push({word: fold(prefix ? w.slice(0, -1) : w), prefix});
    }
    return terms;
  }

  // As SQLite's unicode61 tokenizer with remove_diacritics: case and accents ignored.
  function fold(s) {
    return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  }

  // `text` with the words matching `terms` wrapped in <mark class="hit">.
  function highlightTerms(text, terms) {
    const frag = document.createDocumentFragment();
    if (!terms.length) {
      frag.appendChild(document.createTextNode(text));
      return frag;
    }
    let last = 0;
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const w = fold(m[0]);
      const hit = terms.some(t => (t.prefix ? w.startsWith(t.word) : w === t.word));
      if (!hit) continue;
      if (m.index > last) frag.appendChild(document.createTextNode(text.slice(last, m.index)));
      frag.appendChild(el('mark', {class: 'hit'}, m[0]));
      last = m.index + m[0].length;
    }
    if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
    return frag;
  }

  // ---- an article's text with its quotations ----

  // Speaker i of an article gets colour i % 8 (Okabe–Ito, safe for the common
  // colour-vision deficiencies: .sp0 … .sp7 in style.css) and underline pattern
  // floor(i / 8) % 4 (.pat0 solid … .pat3 double): 32 speakers before a pair
  // repeats. The name is never carried by colour alone: see the tooltip below.
  const COLOURS = 8, PATTERNS = 4;

  function speakerClass(index) {
    if (index < 0) return 'sp-none';
    return `sp${index % COLOURS} pat${Math.floor(index / COLOURS) % PATTERNS}`;
  }

  function speakerLabel(q) {
    const who = q.speaker ? q.speaker.name : 'unknown speaker';
    const role = q.speaker ? roleText(q.speaker.role, q.speaker.org) : '';
    return `${who}${role ? ' — ' + role : ''} (${q.kind})`;
  }

  // One tooltip for all quotations: shown on hover, on keyboard focus and on a
  // tap, so the speaker's name is reachable without a mouse and without colour.
  let tip = null;
  function ensureTip() {
    if (!tip) {
      tip = el('div', {id: 'quote-tip', class: 'quote-tip', role: 'tooltip', hidden: true});
      document.body.appendChild(tip);
    }
  }
  function showTip(mark) {
    ensureTip();
    tip.textContent = mark.dataset.speaker;
    tip.hidden = false;
    const r = mark.getClientRects()[0] || mark.getBoundingClientRect();
    const width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 8);
    const left = Math.max(4, Math.min(r.left, document.documentElement.clientWidth - width - 4));
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${Math.max(0, r.top + window.scrollY - tip.offsetHeight - 6)}px`;
  }
  function hideTip() { if (tip) tip.hidden = true; }
  document.addEventListener('keydown', ev => { if (ev.key === 'Escape') hideTip(); });

  // The quotations are one tab stop: the arrow keys (and Home, End) move
  // between them, so the rest of the page is not 77 Tab presses away.
  function moveFocus(textBox, mark, key) {
    const marks = [...textBox.querySelectorAll('mark.quote')];
    const i = marks.indexOf(mark);
    const to = {ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1,
                Home: 0, End: marks.length - 1}[key];
    if (to === undefined || to < 0 || to >= marks.length) return false;
    mark.tabIndex = -1;
    marks[to].tabIndex = 0;
    marks[to].focus();
    return true;
  }

  // data: {text, quotes: [{spans16, speaker_index, speaker_id, and the quote fields
  // of docs/api.md: text, kind, speaker, cue, ...}], speakers}
  // (the shape of /api/articles/{id} and /api/extract). Fills `textBox` with the
  // text, each quotation span a <mark> coloured by speaker; `legendBox` with the
  // speakers; clicking a quotation shows it in `detailBox`.
  function renderAnnotated(data, textBox, legendBox, detailBox) {
    ensureTip();
    const text = data.text;
    const pieces = [];
    data.quotes.forEach((q, qi) => {
      for (const [s, e] of q.spans16) pieces.push({s, e, qi});
    });
    pieces.sort((a, b) => a.s - b.s || a.e - b.e);
    clear(textBox);
    let pos = 0;
    for (const p of pieces) {
      const s = Math.max(p.s, pos), e = Math.min(p.e, text.length);
      if (e <= s) continue;
      if (s > pos) textBox.appendChild(document.createTextNode(text.slice(pos, s)));
      const q = data.quotes[p.qi];
      const mark = el('mark', {
        class: `quote ${speakerClass(q.speaker_index)}`,
        tabindex: textBox.querySelector('mark.quote') ? -1 : 0,
        'aria-describedby': 'quote-tip',
        dataset: {quote: String(p.qi), start16: String(s), end16: String(e), speaker: speakerLabel(q)},
      }, text.slice(s, e));
      const select = () => showQuote(data, p.qi, textBox, detailBox);
      mark.addEventListener('click', () => { select(); showTip(mark); });
      mark.addEventListener('mouseenter', () => showTip(mark));
      mark.addEventListener('mouseleave', () => { if (document.activeElement !== mark) hideTip(); });
      mark.addEventListener('focus', () => showTip(mark));
      mark.addEventListener('blur', hideTip);
      mark.addEventListener('keydown', ev => {
        if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(); }
        else if (moveFocus(textBox, mark, ev.key)) ev.preventDefault();
      });
      textBox.appendChild(mark);
      pos = e;
    }
    if (pos < text.length) textBox.appendChild(document.createTextNode(text.slice(pos)));

    if (legendBox) {
      clear(legendBox);
      if (!data.speakers.length) legendBox.appendChild(el('p', {class: 'muted'}, 'No speakers found.'));
      data.speakers.forEach((sp, i) => {
        legendBox.appendChild(el('li', {class: 'legend-item'},
          el('span', {class: `swatch ${speakerClass(i)}`, 'aria-hidden': 'true'}),
          speakerLink(sp.name, sp.id),
          roleText(sp.role, sp.org) ? el('span', {class: 'role'}, ` ${roleText(sp.role, sp.org)}`) : null,
          el('span', {class: 'count'}, ` ${sp.quotes} ${sp.quotes === 1 ? 'quote' : 'quotes'}`)));
      });
    }
  }

  function showQuote(data, qi, textBox, detailBox) {
    for (const m of textBox.querySelectorAll('mark.quote.selected')) m.classList.remove('selected');
    for (const m of textBox.querySelectorAll(`mark.quote[data-quote="${qi}"]`)) m.classList.add('selected');
    if (!detailBox) return;
    const q = data.quotes[qi];
    clear(detailBox);
    detailBox.hidden = false;
    detailBox.appendChild(el('div', {class: 'detail-speaker'},
      el('span', {class: `swatch ${speakerClass(q.speaker_index)}`}),
      q.speaker ? speakerLink(q.speaker.name, q.speaker_id) : el('span', {class: 'unknown'}, '(unknown speaker)'),
      q.speaker && roleText(q.speaker.role, q.speaker.org)
        ? el('span', {class: 'role'}, ` ${roleText(q.speaker.role, q.speaker.org)}`) : null));
    detailBox.appendChild(el('blockquote', {}, q.text));
    const facts = [`${KIND_LABEL[q.kind] || q.kind} quotation`];
    if (q.cue) facts.push(`cue “${q.cue.text}”`);
    if (q.speaker && q.speaker.mention) facts.push(`source written as “${q.speaker.mention}”`);
    facts.push(`confidence ${Number(q.confidence).toFixed(2)}`);
    detailBox.appendChild(el('p', {class: 'muted'}, facts.join(' · ')));
  }

  // A list of quotations as a table under the text.
  function renderQuoteTable(data, box) {
    clear(box);
    if (!data.quotes.length) {
      box.appendChild(el('p', {class: 'muted'}, 'No quotations found.'));
      return;
    }
    const rows = data.quotes.map(q => el('tr', {},
      el('td', {}, el('span', {class: `swatch ${speakerClass(q.speaker_index)}`}),
        q.speaker ? speakerLink(q.speaker.name, q.speaker_id) : el('span', {class: 'unknown'}, '(unknown)')),
      el('td', {class: 'role'}, q.speaker ? roleText(q.speaker.role, q.speaker.org) : ''),
      el('td', {}, q.kind),
      el('td', {class: 'quote-text'}, q.text)));
    box.appendChild(el('div', {class: 'table-scroll'}, el('table', {class: 'quotes'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Speaker'), el('th', {}, 'Role'), el('th', {}, 'Kind'), el('th', {}, 'Quotation'))),
      el('tbody', {}, rows))));
  }

  // A conflict from /api/conflicts: the statement and each speaker it was
  // attributed to, with links to the speaker and to an article that says so.
  function conflictCard(c) {
    return el('div', {class: 'conflict'},
      el('blockquote', {}, c.text),
      el('ul', {}, c.speakers.map(s => el('li', {},
        speakerLink(s.speaker, s.speaker_id),
        ` — ${s.quotes} ${s.quotes === 1 ? 'time' : 'times'}`,
        s.outlets.length ? ` in ${s.outlets.join(', ')}` : '',
        s.first_seen ? `, first ${date10(s.first_seen)}` : '',
        s.article_id ? [' · ', el('a', {href: `/articles/${s.article_id}`, class: 'article-link'}, 'article')] : null))));
  }

  // A speaker name field that suggests stored names (GET /api/speakers?q=).
  function speakerAutocomplete(input) {
    const list = el('datalist', {id: `${input.id}-options`});
    input.after(list);
    input.setAttribute('list', list.id);
    input.setAttribute('autocomplete', 'off');
    let timer = 0, asked = '';
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const prefix = input.value.trim();
        if (prefix.length < 2 || prefix.startsWith('#') || prefix === asked) return;
        asked = prefix;
        try {
          const {speakers} = await api(`/api/speakers?${new URLSearchParams({q: prefix, top: '10'})}`);
          clear(list);
          for (const sp of speakers) list.appendChild(el('option', {value: sp.name}));
        } catch (e) { /* suggestions are optional */ }
      }, 150);
    });
  }

  // "/" anywhere but in a text field goes to the page's search box (or to the
  // search page when there is none).
  document.addEventListener('keydown', ev => {
    if (ev.key !== '/' || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const t = ev.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    ev.preventDefault();
    const box = document.querySelector('main input[type=search]');
    if (box) { box.focus(); box.select(); } else location.href = '/search';
  });

  // The navigation bar, marking the current page.
  function nav() {
    const here = location.pathname;
    for (const a of document.querySelectorAll('header nav a')) {
      const href = a.getAttribute('href');
      if (href === here || (href !== '/' && here.startsWith(href))) a.setAttribute('aria-current', 'page');
    }
  }
  document.addEventListener('DOMContentLoaded', nav);

  return {el, append, clear, api, showError, safeUrl, speakerLink, roleText, date10, number,
          queryTerms, highlightTerms, renderAnnotated, renderQuoteTable, speakerClass, conflictCard,
          speakerAutocomplete};
})();
