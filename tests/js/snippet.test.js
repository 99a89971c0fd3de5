// static/js/embed/snippet.js: the embed's query from the map page's, and the snippet markup.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {embedQuery, snippet} from '../../static/js/embed/snippet.js';

const LIVE = {slider: true, timeline: false, theme: 'auto'};

test('the map view becomes the embed parameters (centre from lat/lng, singular list names)', () => {
  const view =
    '?date=2020-10-03&lat=40.1000&lng=46.8000&zoom=9&window=14&types=Battles,Protests&parties=azerbaijan&status=disputed&lang=ru';
  assert.equal(
    embedQuery(view, LIVE),
    'date=2020-10-03&center=40.1000,46.8000&zoom=9&window=14&type=Battles,Protests&party=azerbaijan&status=disputed&lang=ru',
  );
});

test('defaults are left out: a live slider, no timeline and the auto theme add nothing', () => {
  assert.equal(embedQuery('?date=2020-10-03', LIVE), 'date=2020-10-03');
  assert.equal(embedQuery('', LIVE), '');
});

test('controls and theme are written only when they differ from the defaults', () => {
  assert.equal(embedQuery('', {slider: true, timeline: true, theme: 'dark'}), 'controls=slider,timeline&theme=dark');
  assert.equal(embedQuery('', {slider: false, timeline: true, theme: 'light'}), 'controls=timeline&theme=light');
  assert.equal(embedQuery('', {slider: false, timeline: false, theme: 'auto'}), 'controls=none');
});

test('half a centre is no centre; unknown map parameters are not carried over', () => {
  assert.equal(embedQuery('?date=2020-10-03&lat=40.1', LIVE), 'date=2020-10-03');
  assert.equal(embedQuery('?foo=bar&zoom=8', LIVE), 'zoom=8');
});

test('the snippet is an iframe plus the loader, with every attribute escaped', () => {
  const code = snippet({
    src: 'https://maps.example/embed/nk/?date=2020-10-03&theme=dark',
    loader: 'https://maps.example/static/embed.js',
    title: 'Map: "Nagorno-Karabakh" <2020> & after',
    size: {responsive: true, height: 600},
  });
  assert.equal(
    code,
    '<iframe src="https://maps.example/embed/nk/?date=2020-10-03&amp;theme=dark" ' +
      'title="Map: &quot;Nagorno-Karabakh&quot; &lt;2020&gt; &amp; after" width="100%" height="600" ' +
      'loading="lazy" style="border:0;max-width:100%" data-conflictmap-embed></iframe>\n' +
      '<script src="https://maps.example/static/embed.js" async></script>',
  );
  const fixed = snippet({src: 'x', loader: 'y', title: 't', size: {responsive: false, width: 640, height: 480}});
  assert.match(fixed, / width="640" height="480" /);
});
