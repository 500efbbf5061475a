// Article page: the stored text with each quotation highlighted in its
// speaker's colour. Spans come from the API as UTF-16 offsets ("spans16") into
// the "text" it sends, so they index the JavaScript string directly.
'use strict';
(() => {
  const {el, api, append, showError, safeUrl, date10, renderAnnotated, renderQuoteTable} = whosaid;

  async function load() {
    const id = location.pathname.split('/').pop();
    const textBox = document.getElementById('text');
    let data;
    try {
      data = await api(`/api/articles/${encodeURIComponent(id)}`);
    } catch (e) {
      showError(textBox, e);
      return;
    }
    const a = data.article;
    const title = a.title || a.source_id || `Article ${a.id}`;
    document.getElementById('title').textContent = title;
    document.title = `${title} · whosaid`;
    const meta = document.getElementById('meta');
    const link = safeUrl(a.url);
    append(meta, [a.outlet || null, a.outlet && a.date ? ' · ' : '', a.date ? date10(a.date) : null,
                  link ? ' · ' : '', link ? el('a', {href: link, rel: 'noopener noreferrer'}, 'original') : null]);
    renderAnnotated(data, textBox, document.getElementById('legend'), document.getElementById('detail'));
    renderQuoteTable(data, document.getElementById('quotes'));
    // /articles/7#q123: select quotation 123 (linked from search results).
    const m = /^#q(\d+)$/.exec(location.hash);
    if (m) {
      const qi = data.quotes.findIndex(q => String(q.id) === m[1]);
      const mark = qi >= 0 && textBox.querySelector(`mark.quote[data-quote="${qi}"]`);
      if (mark) { mark.click(); mark.scrollIntoView({block: 'center'}); }
    }
  }
  document.addEventListener('DOMContentLoaded', load);
})();
