// The admin's import job page: polls the job's status and updates the progress bar until it finishes.
const root = document.querySelector('.import-job');

function show(status) {
  root.querySelector('.import-status').textContent = status.status_display;
  root.querySelector('.import-phase').textContent = status.phase;
  const bar = root.querySelector('.import-progress');
  bar.value = status.percent;
  bar.textContent = `${status.percent}%`;
  root.querySelector('.import-count').textContent = `${status.processed} / ${status.total}`;
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
