// A place's control history, as the popup and the timeline tell it. Pure functions, no DOM.
//  - sides(claims): who asserts and who denies, each named once
//  - sidesText(claims): "asserted by A; denied by B" (both sides of a disputed change)
//  - periods(changes, day): who held the place from when to when, up to `day`, oldest first
import {formatList, gettext, interpolate} from '../i18n/i18n.js';
import {parseDay} from './dates.js';

// A claimant as the reader knows it: the party's short name, or the named person.
function side(claim) {
  return claim.claimant_party?.short_name || claim.claimant || gettext('an unnamed claimant');
}

function unique(names) {
  return [...new Set(names)];
}

export function sides(claims) {
  const list = claims || [];
  return {
    asserted: unique(list.filter((c) => c.stance !== 'denies').map(side)),
    denied: unique(list.filter((c) => c.stance === 'denies').map(side)),
  };
}

// "A and B", "A, B and C" in the reader's language (Intl.ListFormat).
function names(list) {
  return formatList(list);
}

export function sidesText(claims) {
  const {asserted, denied} = sides(claims);
  const parts = [];
  if (asserted.length) parts.push(interpolate(gettext('asserted by %(names)s'), {names: names(asserted)}));
  if (denied.length) parts.push(interpolate(gettext('denied by %(names)s'), {names: names(denied)}));
  return parts.join('; ');
}

// `changes`: the place's control changes (the API's items, any order) with `date` and `until`
// (when the next change took over, or null). A change after `day` is not shown; a period whose
// end is after `day` is still running on `day` (`to` null).
export function periods(changes, day) {
  return (changes || [])
    .filter((c) => parseDay(c.date) <= day)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id))
    .map((change) => ({
      change,
      party: change.party,
      from: change.date,
      to: change.until && parseDay(change.until) <= day ? change.until : null,
      status: change.status,
      claims: change.claims || [],
    }));
}
