// Speakers page: the most quoted speakers, or those whose name, a word of it
// or an alias starts with ?q= (GET /api/speakers).
'use strict';
(() => {
  const {el, api, clear, showError, speakerLink, roleText, date10, number} = whosaid;
  const TOP = 200;

  async function load() {
    const q = (new URLSearchParams(location.search).get('q') || '').trim();
    const box = document.getElementById('speakers');
    const summary = document.getElementById('summary');
    document.getElementById('q').value = q;
    const query = new URLSearchParams({top: String(TOP)});
    if (q) query.set('q', q);
    let speakers;
    try {
      ({speakers} = await api(`/api/speakers?${query}`));
    } catch (e) {
      showError(summary, e);
      return;
    }
    clear(box);
    summary.textContent = speakers.length === 0 ? `No speaker's name starts with “${q}”.`
      : q ? `${speakers.length}${speakers.length === TOP ? '+' : ''} speakers matching “${q}”, most quoted first.`
          : `The ${speakers.length} most quoted speakers.`;
    for (const s of speakers) {
      box.appendChild(el('tr', {},
        el('td', {}, speakerLink(s.name, s.id)),
        el('td', {class: 'role'}, roleText(s.role, s.org)),
        el('td', {class: 'num'}, number(s.quotes)),
        el('td', {class: 'num'}, number(s.articles)),
        el('td', {class: 'date'}, date10(s.first_seen)),
        el('td', {class: 'date'}, date10(s.last_seen))));
    }
  }
  document.addEventListener('DOMContentLoaded', load);
})();
