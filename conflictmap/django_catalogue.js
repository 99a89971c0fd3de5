// Django's own admin scripts' texts that Django's Armenian catalogue lacks, put in our djangojs catalogue
// (docs/i18n.md; the server's part and the reasons are in django_catalogue.py). The admin's JavaScript
// catalogue (admin/jsi18n/) merges ours over Django's, so these translate Django's "filter_horizontal"
// widget (SelectFilter2.js) and its actions bar (actions.js). makemessages reads this file; nothing loads it
// (it is outside static/, never served), and tests/test_admin_i18n.py checks the admin's catalogue has them.
const gettext_noop = (text) => text;
const ngettext_lazy = (singular, plural) => [singular, plural];

export const TEXTS = [
  gettext_noop('Choose %s by selecting them and then select the "Choose" arrow button.'),
  gettext_noop('Choose all %s'),
  gettext_noop('Choose selected %s'),
  gettext_noop('Remove selected %s'),
  gettext_noop('Remove %s by selecting them and then select the "Remove" arrow button.'),
  gettext_noop('Type into this box to filter down the list of selected %s.'),
  gettext_noop('(click to clear)'),
  gettext_noop('Remove all %s'),
  ngettext_lazy('%s selected option not visible', '%s selected options not visible'),
  gettext_noop('You have selected an action, but you haven’t saved your changes to individual fields yet. Please click OK to save. You’ll need to re-run the action.'),
  gettext_noop('You have selected an action, and you haven’t made any changes on individual fields. You’re probably looking for the Go button rather than the Save button.'),
];
