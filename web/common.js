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

  const PALETTE = 10;  // .sp0 … .sp9 in style.css

  function speakerClass(index) { return index >= 0 ? `sp${index % PALETTE}` : 'sp-none'; }

  // data: {text, quotes: [{spans16, speaker, speaker_index, kind, cue, ...}], speakers}
  // (the shape of /api/articles/{id} and /api/extract). Fills `textBox` with the
  // text, each quotation span a <mark> coloured by speaker; `legendBox` with the
  // speakers; clicking a quotation shows it in `detailBox`.
  function renderAnnotated(data, textBox, legendBox, detailBox) {
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
      const who = q.speaker ? q.speaker.name : 'unknown speaker';
      const mark = el('mark', {
        class: `quote ${speakerClass(q.speaker_index)}`,
        title: `${who}${q.speaker && roleText(q.speaker.role, q.speaker.org) ? ' — ' + roleText(q.speaker.role, q.speaker.org) : ''} (${q.kind})`,
        tabindex: 0,
        dataset: {quote: String(p.qi), start16: String(s), end16: String(e)},
      }, text.slice(s, e));
      const select = () => showQuote(data, p.qi, textBox, detailBox);
      mark.addEventListener('click', select);
      mark.addEventListener('keydown', ev => { if (ev.key === 'Enter') select(); });
      textBox.appendChild(mark);
      pos = e;
    }
    if (pos < text.length) textBox.appendChild(document.createTextNode(text.slice(pos)));

    if (legendBox) {
      clear(legendBox);
      if (!data.speakers.length) legendBox.appendChild(el('p', {class: 'muted'}, 'No speakers found.'));
      data.speakers.forEach((sp, i) => {
        legendBox.appendChild(el('li', {class: 'legend-item'},
          el('span', {class: `swatch ${speakerClass(i)}`}),
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
      q.speaker ? speakerLink(q.speaker.name, q.speaker.id) : el('span', {class: 'unknown'}, '(unknown speaker)'),
      q.speaker && roleText(q.speaker.role, q.speaker.org)
        ? el('span', {class: 'role'}, ` ${roleText(q.speaker.role, q.speaker.org)}`) : null));
    detailBox.appendChild(el('blockquote', {}, q.text));
    const facts = [`${KIND_LABEL[q.kind] || q.kind} quotation`];
    if (q.cue) facts.push(`cue “${q.cue}”`);
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
        q.speaker ? speakerLink(q.speaker.name, q.speaker.id) : el('span', {class: 'unknown'}, '(unknown)')),
      el('td', {class: 'role'}, q.speaker ? roleText(q.speaker.role, q.speaker.org) : ''),
      el('td', {}, q.kind),
      el('td', {class: 'quote-text'}, q.text)));
    box.appendChild(el('table', {class: 'quotes'},
      el('thead', {}, el('tr', {}, el('th', {}, 'Speaker'), el('th', {}, 'Role'), el('th', {}, 'Kind'), el('th', {}, 'Quotation'))),
      el('tbody', {}, rows)));
  }

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
          queryTerms, highlightTerms, renderAnnotated, renderQuoteTable, speakerClass};
})();
