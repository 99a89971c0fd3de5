// The map's default view in the view-state tests (urlstate.test.js, urlsync.test.js).
import {parseDay} from '../../../static/js/map/dates.js';

export const VIEW_DEFAULTS = Object.freeze({
  day: parseDay('2020-11-10'),
  windowDays: 7,
  center: null,
  zoom: null,
  filters: {types: [], parties: [], statuses: []},
});
