// Dates as whole days since 1970-01-01 (UTC): cheap to compare and step.
// Pure functions, no DOM.

const DAY_MS = 86400000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(text) {
  const match = ISO_DATE.exec(String(text || ''));
  if (!match) return null;
  const [, y, m, d] = match.map(Number);
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return Math.round(ms / DAY_MS);
}

export function formatDay(day) {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

const LONG = new Intl.DateTimeFormat('en-GB', {day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'});

export function longDay(day) {
  return LONG.format(new Date(day * DAY_MS));
}

export function longDate(iso) {
  const day = parseDay(iso);
  return day === null ? String(iso || '') : longDay(day);
}

export function clampDay(day, min, max) {
  return Math.min(max, Math.max(min, day));
}

export function todayDay() {
  return Math.floor(Date.now() / DAY_MS);
}
