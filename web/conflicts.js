// Conflicts page: statements attributed to different speakers (GET /api/conflicts).
'use strict';
(() => {
  const {api, clear, showError, conflictCard} = whosaid;
  const LIMIT = 100;

  async function load() {
    const box = document.getElementById('conflicts');
    const summary = document.getElementById('summary');
    try {
      const {conflicts} = await api(`/api/conflicts?limit=${LIMIT}`);
      clear(box);
      summary.textContent = conflicts.length ? `${conflicts.length}${conflicts.length === LIMIT ? '+' : ''} statements.`
                                             : 'No conflicting attributions.';
      for (const c of conflicts) box.appendChild(conflictCard(c));
    } catch (e) { showError(box, e); }
  }
  document.addEventListener('DOMContentLoaded', load);
})();
