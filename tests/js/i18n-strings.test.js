// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the cases are JavaScript source, template literals included
// Every text a person reads in static/js goes through the catalogue (gettext and friends, then
// makemessages -d djangojs): a bare English literal in a rendering module fails here.
import assert from 'node:assert/strict';
import {readdirSync, readFileSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {test} from 'node:test';
import {fileURLToPath} from 'node:url';

import {looksLikeText, untranslatedStrings} from './support/i18n-lint.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCES = join(ROOT, 'static', 'js');

function modules(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modules(path);
    return path.endsWith('.js') ? [path] : [];
  });
}

test('no module of static/js shows a text outside the catalogue', () => {
  const files = modules(SOURCES);
  assert.ok(files.length > 30, 'the modules were found');
  const offenders = files.flatMap((file) =>
    untranslatedStrings(readFileSync(file, 'utf8')).map((hit) => `${relative(ROOT, file)}:${hit.line} ${hit.text}`),
  );
  assert.deepEqual(offenders, []);
});

test('the lint finds a bare literal in each place a text goes', () => {
  const cases = [
    "node.textContent = 'Play';",
    'node.textContent = `${n} events found`;',
    "el('button', {type: 'button', text: 'Copy code'});",
    "el('input', {placeholder: 'Any name, any spelling'});",
    "el('button', {'aria-label': 'Previous day', title: 'Previous day'});",
    "button.setAttribute('aria-label', 'Close popup');",
    'input.setCustomValidity(`Choose a date from ${a} to ${b}.`);',
    "el('li', {}, swatch(), 'No control recorded');",
    "const text = ok ? 'Copied.' : 'Select the code';",
    'throw new ApiError(`The server answered ${status}`);',
    "el('span', {text: `${name}: held by ${party}`});",
    "el('span', {class: 'cm-x', text: ok ? 'Held by' : 'Lost by'});",
  ];
  for (const source of cases) assert.notDeepEqual(untranslatedStrings(source), [], source);
});

test('translated texts, code strings and marked exceptions pass', () => {
  const cases = [
    "node.textContent = gettext('Play');",
    "el('span', {text: interpolate(gettext('%(name)s: held by %(party)s'), {name, party})});",
    "const n = ngettext('%(n)s event', '%(n)s events', count);",
    "const LABELS = {claimed: gettext_noop('dashed outline')};",
    "pgettext('status word', 'claimed');",
    "el('div', {class: 'cm-legend cm-panel'});",
    "el('span', {class: data ? 'cm-item-title cm-data' : 'cm-item-title', text: name});",
    "if (e.key === 'Enter') go();",
    "import {el} from './dom.js';",
    "document.querySelector('input:not([type=hidden]), select');",
    "const KEYS = {'Explosions/Remote violence': 'star'};",
    "el('span', {text: `${a}, ${b}`});",
    "const name = 'Natural Earth'; // i18n-ignore: a name",
    'const re = /a b/g; const s = re.test(x);',
  ];
  for (const source of cases) assert.deepEqual(untranslatedStrings(source), [], source);
});

test('words, not identifiers or classes, are what it calls text', () => {
  assert.equal(looksLikeText('Legend'), true);
  assert.equal(looksLikeText('held by'), true);
  assert.equal(looksLikeText('Հայերեն'), true);
  assert.equal(looksLikeText('cm-panel'), false);
  assert.equal(looksLikeText('aria-label'), false);
  assert.equal(looksLikeText('%(n)s'), false);
  assert.equal(looksLikeText(', '), false);
});
