// Speaker page: aliases, roles with dates, a bar chart of quotes per month
// (SVG drawn here, no library), outlets and the latest quotes.
'use strict';
(() => {
  const {el, api, clear, showError, roleText, date10, number} = whosaid;
  const SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, text) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text !== undefined) node.appendChild(document.createTextNode(String(text)));
    return node;
  }

  // Every month from the first to the last, with 0 where nothing was said.
  function months(perMonth) {
    const counts = new Map(perMonth.filter(m => /^\d{4}-\d{2}$/.test(m.month)).map(m => [m.month, m.quotes]));
    const keys = [...counts.keys()].sort();
    if (!keys.length) return [];
    let [y, m] = keys[0].split('-').map(Number);
    const [ly, lm] = keys[keys.length - 1].split('-').map(Number);
    const out = [];
    while ((y < ly || (y === ly && m <= lm)) && out.length < 600) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      out.push({month: key, quotes: counts.get(key) || 0});
      if (++m > 12) { m = 1; ++y; }
    }
    return out;
  }

  function chart(perMonth, box) {
    clear(box);
    const data = months(perMonth);
    if (!data.length) {
      box.appendChild(el('p', {class: 'muted'}, 'No dated quotes.'));
      return;
    }
    const W = 760, H = 220, left = 40, bottom = 28, top = 12, right = 8;
    const plotW = W - left - right, plotH = H - top - bottom;
    const max = Math.max(1, ...data.map(d => d.quotes));
    const step = plotW / data.length;
    const root = svg('svg', {viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'month-chart',
                             'aria-label': `Quotes per month, ${data[0].month} to ${data[data.length - 1].month}`});
    root.appendChild(svg('title', {}, 'Quotes per month'));
    // Whole-number grid lines: 0, about half, the maximum.
    for (const v of new Set([0, Math.round(max / 2), max])) {
      const y = top + plotH * (1 - v / max);
      root.appendChild(svg('line', {x1: left, x2: W - right, y1: y, y2: y, class: 'grid'}));
      root.appendChild(svg('text', {x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end'}, v));
    }
    const barW = Math.max(1, Math.min(step * 0.8, 36));
    data.forEach((d, i) => {
      const h = plotH * d.quotes / max;
      const x = left + i * step;
      const bar = svg('rect', {x: x + (step - barW) / 2, y: top + plotH - h, width: barW,
                               height: h, class: 'bar', 'data-month': d.month, 'data-quotes': d.quotes});
      bar.appendChild(svg('title', {}, `${d.month}: ${d.quotes} ${d.quotes === 1 ? 'quote' : 'quotes'}`));
      root.appendChild(bar);
      // Label January of each year, or every month when there are few.
      if (data.length <= 12 || d.month.endsWith('-01') || i === 0)
        root.appendChild(svg('text', {x: x + step / 2, y: H - 8, class: 'axis', 'text-anchor': 'middle'},
                             data.length <= 12 ? d.month : d.month.slice(0, 4)));
    });
    root.appendChild(svg('line', {x1: left, x2: W - right, y1: top + plotH, y2: top + plotH, class: 'baseline'}));
    box.appendChild(root);
  }

  async function load() {
    const id = location.pathname.split('/').pop();
    const nameBox = document.getElementById('name');
    let s;
    try {
      s = await api(`/api/speakers/${encodeURIComponent(id)}`);
    } catch (e) {
      showError(document.getElementById('summary'), e);
      return;
    }
    nameBox.textContent = s.name;
    document.title = `${s.name} · whosaid`;
    const role = roleText(s.role, s.org);
    document.getElementById('summary').textContent =
      `${role ? role + ' · ' : ''}${number(s.quotes)} quotes in ${number(s.articles)} articles` +
      (s.first_seen ? ` · ${date10(s.first_seen)} – ${date10(s.last_seen)}` : '');

    chart(s.per_month, document.getElementById('chart'));

    const aliases = document.getElementById('aliases');
    for (const a of s.aliases) aliases.appendChild(el('li', {}, a.alias, el('small', {}, ` ${a.quotes}`)));
    if (!s.aliases.length) aliases.appendChild(el('li', {class: 'muted'}, 'none'));

    const roles = document.getElementById('roles');
    for (const r of s.roles)
      roles.appendChild(el('tr', {}, el('td', {}, r.role), el('td', {}, r.org), el('td', {class: 'date'}, date10(r.first_seen)),
                           el('td', {class: 'date'}, date10(r.last_seen)), el('td', {class: 'num'}, number(r.quotes))));
    if (!s.roles.length) roles.appendChild(el('tr', {}, el('td', {colspan: 5, class: 'muted'}, 'No role or party written with the quotes.')));

    const outlets = document.getElementById('outlets');
    const max = Math.max(1, ...s.outlets.map(o => o.quotes));
    for (const o of s.outlets) {
      const bar = el('span', {class: 'bar'});
      bar.style.width = `${(100 * o.quotes / max).toFixed(1)}%`;
      outlets.appendChild(el('li', {}, el('span', {class: 'bar-label'}, o.outlet), el('span', {class: 'bar-track'}, bar),
                             el('span', {class: 'bar-value'}, number(o.quotes))));
    }
    if (!s.outlets.length) outlets.appendChild(el('li', {class: 'muted'}, 'No outlet recorded.'));

    const latest = document.getElementById('latest');
    for (const q of s.latest) {
      const a = q.article;
      latest.appendChild(el('li', {class: 'result'}, el('blockquote', {class: 'quote-text'}, q.text),
        el('div', {class: 'result-meta'},
          q.speaker && roleText(q.speaker.role, q.speaker.org)
            ? el('span', {class: 'role'}, roleText(q.speaker.role, q.speaker.org)) : null,
          a.outlet ? el('span', {class: 'outlet'}, a.outlet) : null,
          a.date ? el('time', {datetime: date10(a.date)}, date10(a.date)) : null,
          el('span', {class: `kind kind-${q.kind}`}, q.kind),
          el('a', {href: `/articles/${a.id}#q${q.id}`, class: 'article-link'}, a.title || a.source_id || `article ${a.id}`))));
    }
    if (!s.latest.length) latest.appendChild(el('li', {class: 'muted'}, 'No quotes.'));
    document.getElementById('more').setAttribute('href', `/search?speaker=${encodeURIComponent('#' + s.id)}`);
  }
  document.addEventListener('DOMContentLoaded', load);
})();
