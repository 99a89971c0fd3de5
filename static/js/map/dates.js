// Dates as whole days since 1970-01-01 (UTC): cheap to compare and step.
// Pure functions, no DOM. Long dates are written in the reader's language (i18n.js).
import {formatDate} from '../i18n/i18n.js';

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

export function longDay(day) {
  return formatDate(new Date(day * DAY_MS));
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
