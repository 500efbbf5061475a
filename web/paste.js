// Paste page: POST the text to /api/extract (nothing is stored) and show the
// quotations as the article page does.
'use strict';
(() => {
  const {api, showError, renderAnnotated, renderQuoteTable} = whosaid;

  async function run(ev) {
    ev.preventDefault();
    const text = document.getElementById('input').value;
    const status = document.getElementById('status');
    const result = document.getElementById('result');
    const button = document.getElementById('run');
    if (!text.trim()) {
      status.textContent = 'Paste some text first.';
      return;
    }
    button.disabled = true;
    status.textContent = 'Finding quotations…';
    try {
      const data = await api('/api/extract', {
        method: 'POST',
        headers: {'Content-Type': 'application/json'},
        body: JSON.stringify({text, indirect: document.getElementById('indirect').checked}),
      });
      status.textContent = `${data.quotes.length} quotation${data.quotes.length === 1 ? '' : 's'} from ` +
        `${data.speakers.length} speaker${data.speakers.length === 1 ? '' : 's'}.`;
      result.hidden = false;
      document.getElementById('detail').hidden = true;
      renderAnnotated(data, document.getElementById('text'), document.getElementById('legend'),
                      document.getElementById('detail'));
      renderQuoteTable(data, document.getElementById('quotes'));
    } catch (e) {
      status.textContent = '';
      result.hidden = true;
      showError(status, e);
    } finally {
      button.disabled = false;
    }
  }
  document.addEventListener('DOMContentLoaded', () => {
    const form = document.getElementById('paste-form');
    form.addEventListener('submit', run);
    // Ctrl+Enter (⌘+Enter on a Mac) in the text box runs it.
    document.getElementById('input').addEventListener('keydown', ev => {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
        ev.preventDefault();
        form.requestSubmit();
      }
    });
  });
})();
