// Accessible names the Django admin's widgets lack, on every admin page (templates/admin/base_site.html):
//  - a tabular inline's fields (an alternate name's name, language, ...) are labelled only by their
//    column heading, which assistive technology does not tie to each row's input: each gets its
//    heading as aria-label;
//  - the autocomplete (select2) boxes name themselves after the selected text only, so an empty one has
//    no name: each is labelled by its field's <label> as well.
// Widgets added later (inline rows added with "Add another", select2 set up after this runs) are
// handled as they appear.

function columnHeadings(table) {
  return [...table.querySelectorAll('thead th')].map((th) => th.textContent.trim());
}

function nameTabularFields(root) {
  for (const table of root.querySelectorAll('.tabular table')) {
    const headings = columnHeadings(table);
    for (const row of table.querySelectorAll('tbody tr.form-row')) {
      [...row.children].forEach((cell, index) => {
        // One heading per cell, the original's (empty) and the "Delete?" column's included.
        const heading = headings[index];
        if (!heading) return;
        for (const field of cell.querySelectorAll('input:not([type=hidden]), select, textarea')) {
          if (field.labels?.length || field.hasAttribute('aria-label')) continue;
          field.setAttribute('aria-label', heading);
        }
      });
    }
  }
}

function labelIdFor(select) {
  const label = select.id ? document.querySelector(`label[for="${CSS.escape(select.id)}"]`) : null;
  if (!label) return null;
  if (!label.id) label.id = `${select.id}-label`;
  return label.id;
}

function nameAutocompletes(root) {
  for (const select of root.querySelectorAll('select.admin-autocomplete')) {
    const container = select.nextElementSibling;
    if (!container?.classList.contains('select2')) continue;
    const labelId = labelIdFor(select);
    const heading = labelId ? null : select.closest('td')?.dataset.label || select.name;
    const combobox = container.querySelector('.select2-selection[role=combobox]');
    const rendered = container.querySelector('.select2-selection__rendered');
    for (const node of [combobox, rendered]) {
      if (!node || node.dataset.cmNamed) continue;
      if (labelId) {
        const own = node === combobox && rendered?.id ? ` ${rendered.id}` : '';
        node.setAttribute('aria-labelledby', `${labelId}${own}`);
      } else {
        node.removeAttribute('aria-labelledby');
        node.setAttribute('aria-label', heading);
      }
      node.dataset.cmNamed = '1';
    }
  }
}

function nameAll() {
  nameTabularFields(document);
  nameAutocompletes(document);
}

let scheduled = false;
new MutationObserver(() => {
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    nameAll();
  });
}).observe(document.documentElement, {childList: true, subtree: true});
nameAll();
