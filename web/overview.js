// Overview page: counts, most quoted speakers, recent conflicts, outlets.
'use strict';
(() => {
  const {el, api, clear, showError, roleText, date10, number, conflictCard} = whosaid;

  function bars(list, box, label, value, href) {
    clear(box);
    const max = Math.max(1, ...list.map(value));
    for (const item of list) {
      const bar = el('span', {class: 'bar'});
      bar.style.width = `${(100 * value(item) / max).toFixed(1)}%`;
      box.appendChild(el('li', {},
        el('span', {class: 'bar-label'}, href ? el('a', {href: href(item)}, label(item)) : label(item)),
        el('span', {class: 'bar-track'}, bar),
        el('span', {class: 'bar-value'}, number(value(item)))));
    }
    if (!list.length) box.appendChild(el('li', {class: 'muted'}, 'Nothing yet.'));
  }

  async function load() {
    const statsBox = document.getElementById('stats');
    try {
      const s = await api('/api/stats');
      clear(statsBox);
      const card = (n, what) => el('div', {class: 'card'}, el('strong', {}, number(n)), el('span', {}, what));
      statsBox.append(card(s.quotes, 'quotations'), card(s.speakers, 'speakers'),
                      card(s.articles, 'articles'), card(s.outlets, 'outlets'));
      if (s.first_date)
        statsBox.appendChild(el('div', {class: 'card'}, el('strong', {class: 'dates'},
          `${date10(s.first_date)} – ${date10(s.last_date)}`), el('span', {}, 'article dates')));
      bars(s.top_outlets, document.getElementById('outlets'), o => o.outlet, o => o.articles,
           o => `/search?outlet=${encodeURIComponent(o.outlet)}`);
    } catch (e) { showError(statsBox, e); }

    const top = document.getElementById('top-speakers');
    try {
      const {speakers} = await api('/api/speakers?top=10');
      bars(speakers, top, s => s.name, s => s.quotes, s => `/speakers/${s.id}`);
      speakers.forEach((s, i) => {
        const role = roleText(s.role, s.org);
        if (role) top.children[i].querySelector('.bar-label').appendChild(el('small', {class: 'role'}, role));
      });
    } catch (e) { showError(top, e); }

    const conflicts = document.getElementById('conflicts');
    try {
      const data = await api('/api/conflicts?limit=5');
      clear(conflicts);
      if (!data.conflicts.length) conflicts.appendChild(el('p', {class: 'muted'}, 'No conflicting attributions.'));
      for (const c of data.conflicts) conflicts.appendChild(conflictCard(c));
    } catch (e) { showError(conflicts, e); }
  }
  document.addEventListener('DOMContentLoaded', load);
})();
