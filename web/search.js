// Search page: the form's values live in the URL (?q=&speaker=&...&offset=), so
// results can be bookmarked and paging is plain links.
'use strict';
(() => {
  const {el, api, clear, showError, speakerLink, roleText, date10, number, queryTerms, highlightTerms,
         speakerAutocomplete} = whosaid;
  const FIELDS = ['q', 'speaker', 'role', 'outlet', 'from', 'to', 'kind', 'min_confidence', 'sort'];
  const PAGE = 20;

  function pageLink(params, offset, label, rel) {
    const p = new URLSearchParams(params);
    if (offset > 0) p.set('offset', String(offset)); else p.delete('offset');
    return el('a', {href: `/search?${p}`, rel, class: 'button'}, label);
  }

  async function load() {
    const url = new URLSearchParams(location.search);
    const params = new URLSearchParams();
    for (const f of FIELDS) {
      const v = url.get(f) || '';
      document.getElementById(f).value = v;
      if (v.trim()) params.set(f, v.trim());
    }
    const offset = Math.max(0, parseInt(url.get('offset') || '0', 10) || 0);
    const results = document.getElementById('results');
    const summary = document.getElementById('summary');
    const pager = document.getElementById('pager');
    const query = new URLSearchParams(params);
    query.set('limit', String(PAGE));
    if (offset) query.set('offset', String(offset));
    summary.textContent = 'Searching…';
    let data;
    try {
      data = await api(`/api/search?${query}`);
    } catch (e) {
      summary.textContent = '';
      showError(results, e);
      return;
    }
    const terms = queryTerms(params.get('q'));
    clear(results);
    const n = data.results.length;
    const order = {date: 'newest first', confidence: 'most confident first'}[params.get('sort')] ||
                  (params.get('q') ? 'best match first' : 'newest first');
    summary.textContent = n === 0 ? 'No quotations found.'
      : `Quotations ${offset + 1}–${offset + n} of ${number(data.total)}${data.total_capped ? '+' : ''}, ${order}`;
    // The export links ask for exactly what is shown: the same query and page.
    document.getElementById('export').hidden = n === 0;
    for (const format of ['csv', 'jsonl']) {
      const q = new URLSearchParams(query);
      q.set('format', format);
      document.getElementById(`export-${format}`).href = `/api/search?${q}`;
    }
    for (const hit of data.results) {
      const a = hit.article;
      results.appendChild(el('li', {class: 'result'},
        el('blockquote', {class: 'quote-text'}, highlightTerms(hit.text, terms)),
        el('div', {class: 'result-meta'},
          speakerLink(hit.speaker && hit.speaker.name, hit.speaker_id),
          hit.speaker && roleText(hit.speaker.role, hit.speaker.org)
            ? el('span', {class: 'role'}, roleText(hit.speaker.role, hit.speaker.org)) : null,
          a.outlet ? el('span', {class: 'outlet'}, a.outlet) : null,
          a.date ? el('time', {datetime: date10(a.date)}, date10(a.date)) : null,
          el('span', {class: `kind kind-${hit.kind}`}, hit.kind),
          el('span', {class: 'confidence muted'}, `confidence ${Number(hit.confidence).toFixed(2)}`),
          el('a', {href: `/articles/${a.id}#q${hit.id}`, class: 'article-link'},
            a.title || a.source_id || `article ${a.id}`))));
    }
    clear(pager);
    if (offset > 0) pager.appendChild(pageLink(params, Math.max(0, offset - PAGE), '← Previous', 'prev'));
    if (data.has_more) pager.appendChild(pageLink(params, offset + PAGE, 'Next →', 'next'));
  }
  document.addEventListener('DOMContentLoaded', () => {
    speakerAutocomplete(document.getElementById('speaker'));
    load();
  });
})();
