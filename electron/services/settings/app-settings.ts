// The app's own settings keys (beside the checks' policy.* keys in checks/check-settings.ts), so
// that the settings screen, practice seeding and the campaign defaults agree on one spelling.
import { MAX_CANCEL_WINDOW_S, MIN_CANCEL_WINDOW_S } from '../../../shared/contract/limits';
import type { Db } from '../../db/connection';
import { readSetting } from '../../db/repos/settings-repo';
import { DEFAULT_QUIET_HOURS, parseQuietHours, type QuietHours } from '../send/quiet-hours';

export const APP_SETTING_KEYS = {
  organisationName: 'app.organisation_name',
  language: 'app.language',
  /** The cancel window (seconds) a new notice starts with. */
  defaultCancelWindowS: 'campaign.default_cancel_window_s',
  /** Hours an approval stays good for starting a send. */
  approvalValidHours: 'approval.valid_hours',
  /** 'HH:MM-HH:MM' when no message may start; '' for none (unset: 21:00-08:00). */
  quietHours: 'send.quiet_hours',
  /** A scheduled send found this many hours late at start-up is not sent. */
  lateLimitHours: 'send.late_limit_hours',
} as const;

const DEFAULT_LATE_LIMIT_HOURS = 12;

/** The stored quiet hours; unset means `fallback` (21:00-08:00 in the app). */
export function readQuietHours(db: Db, fallback: QuietHours | null = DEFAULT_QUIET_HOURS): QuietHours | null {
  const v = readSetting(db, APP_SETTING_KEYS.quietHours);
  return v === null ? fallback : parseQuietHours(v);
}

export function readLateLimitHours(db: Db): number {
  const n = Number(readSetting(db, APP_SETTING_KEYS.lateLimitHours));
  return Number.isInteger(n) && n >= 1 && n <= 24 * 7 ? n : DEFAULT_LATE_LIMIT_HOURS;
}

/** A day: long enough for "approve in the evening, send in the morning", short enough that a
 * forgotten approval does not wait for weeks for someone to press Send. */
const DEFAULT_APPROVAL_VALID_HOURS = 24;
const MAX_APPROVAL_VALID_HOURS = 24 * 30;

export function readApprovalValidHours(db: Db): number {
  const n = Number(readSetting(db, APP_SETTING_KEYS.approvalValidHours));
  return Number.isInteger(n) && n >= 1 && n <= MAX_APPROVAL_VALID_HOURS ? n : DEFAULT_APPROVAL_VALID_HOURS;
}

export const readApprovalValidMs = (db: Db): number => readApprovalValidHours(db) * 3_600_000;

/** Five minutes, as DESIGN.md promises, unless the organisation chose another default. */
const DEFAULT_CANCEL_WINDOW_S = 300;

/** The stored default cancel window, or 300 s when unset or out of bounds (never below 10 s). */
export function readDefaultCancelWindowS(db: Db): number {
  const n = Number(readSetting(db, APP_SETTING_KEYS.defaultCancelWindowS));
  return Number.isInteger(n) && n >= MIN_CANCEL_WINDOW_S && n <= MAX_CANCEL_WINDOW_S ? n : DEFAULT_CANCEL_WINDOW_S;
}
