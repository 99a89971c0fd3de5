// The admin's import job page: polls the job's status and updates the progress bar until it finishes.
import {formatNumber, interpolate, pgettext} from '../i18n/i18n.js';
import {loadPageCatalog} from '../i18n/page.js';

loadPageCatalog();
const root = document.querySelector('.import-job');
// Counts without grouping: the line is read as a pair of figures, "2500 / 2500".
const count = (n) => formatNumber(n, {useGrouping: false});

function show(status) {
  root.querySelector('.import-status').textContent = status.status_display;
  root.querySelector('.import-phase').textContent = status.phase;
  const bar = root.querySelector('.import-progress');
  bar.value = status.percent;
  bar.textContent = formatNumber(status.percent / 100, {style: 'percent'});
  root.querySelector('.import-count').textContent = interpolate(pgettext('progress', '%(done)s / %(total)s'), {
    done: count(status.processed),
    total: count(status.total),
  });
  if (status.finished) {
    root.querySelector('.import-report').textContent = status.report;
    root.querySelector('.import-cancel')?.remove();
  }
}

async function poll() {
  try {
    const response = await fetch(root.dataset.statusUrl, {headers: {Accept: 'application/json'}});
    if (response.ok) {
      const status = await response.json();
      show(status);
      if (status.finished) return;
    }
  } catch {
    // A failed poll (server restarting) is retried below.
  }
  setTimeout(poll, 1000);
}

if (root) poll();
