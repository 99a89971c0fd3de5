// The words several modules share (verification and control statuses, date precisions, the
// sides of a claim), marked for the catalogue once here and translated where they are shown.
// A data module: no DOM.
import {gettext, gettext_noop, interpolate, pgettext} from './i18n.js';

// An event's or an area's verification, as its popup states it.
const VERIFICATION = {
  unsourced: gettext_noop('No claims recorded yet'),
  claimed: gettext_noop('Claimed, not independently confirmed'),
  denied: gettext_noop('Denied'),
  disputed: gettext_noop('Disputed: asserted and denied'),
  confirmed: gettext_noop('Confirmed by our editors'),
};

// A control change's status inside a sentence ("Controlled by X since D: claimed, not confirmed.").
const CONTROL_STATUS = {
  unsourced: gettext_noop('no claim on record'),
  claimed: gettext_noop('claimed, not confirmed'),
  denied: gettext_noop('denied'),
  confirmed: gettext_noop('confirmed'),
  disputed: gettext_noop('disputed: asserted and denied'),
};

export function verificationLabel(value) {
  return value in VERIFICATION ? gettext(VERIFICATION[value]) : String(value ?? '');
}

export function controlStatusText(value) {
  return value in CONTROL_STATUS ? gettext(CONTROL_STATUS[value]) : String(value ?? '');
}

// One word for a status in the timeline's short lines; `pgettext` because "claimed" or
// "denied" alone take a different form in Armenian, Azerbaijani and Russian than in a sentence.
export function statusWord(value) {
  switch (value) {
    case 'unsourced':
      return pgettext('status word', 'no claim on record');
    case 'claimed':
      return pgettext('status word', 'claimed');
    case 'denied':
      return pgettext('status word', 'denied');
    case 'confirmed':
      return pgettext('status word', 'confirmed');
    case 'disputed':
      return pgettext('status word', 'disputed');
    default:
      return String(value ?? '');
  }
}

// A date as written, with how precise it is (1 day, 2 week, 3 month: the API's date_precision).
export function withPrecision(dateText, precision) {
  if (precision === 2) return interpolate(gettext('%(date)s (within a week)'), {date: dateText});
  if (precision === 3) return interpolate(gettext('%(date)s (within a month)'), {date: dateText});
  return dateText;
}
