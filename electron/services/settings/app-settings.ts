// The app's own settings keys (beside the checks' policy.* keys in checks/check-settings.ts), so
// that the settings screen, practice seeding and the campaign defaults agree on one spelling.
import { MAX_CANCEL_WINDOW_S, MIN_CANCEL_WINDOW_S } from '../../../shared/contract/schemas';
import type { Db } from '../../db/connection';
import { readSetting } from '../../db/repos/settings-repo';

export const APP_SETTING_KEYS = {
  organisationName: 'app.organisation_name',
  language: 'app.language',
  /** The cancel window (seconds) a new notice starts with. */
  defaultCancelWindowS: 'campaign.default_cancel_window_s',
  /** Hours an approval stays good for starting a send. */
  approvalValidHours: 'approval.valid_hours',
} as const;

/** A day: long enough for "approve in the evening, send in the morning", short enough that a
 * forgotten approval does not wait for weeks for someone to press Send. */
export const DEFAULT_APPROVAL_VALID_HOURS = 24;
export const MAX_APPROVAL_VALID_HOURS = 24 * 30;

export function readApprovalValidHours(db: Db): number {
  const n = Number(readSetting(db, APP_SETTING_KEYS.approvalValidHours));
  return Number.isInteger(n) && n >= 1 && n <= MAX_APPROVAL_VALID_HOURS ? n : DEFAULT_APPROVAL_VALID_HOURS;
}

export const readApprovalValidMs = (db: Db): number => readApprovalValidHours(db) * 3_600_000;

/** Five minutes, as DESIGN.md promises, unless the organisation chose another default. */
export const DEFAULT_CANCEL_WINDOW_S = 300;

/** The stored default cancel window, or 300 s when unset or out of bounds (never below 10 s). */
export function readDefaultCancelWindowS(db: Db): number {
  const n = Number(readSetting(db, APP_SETTING_KEYS.defaultCancelWindowS));
  return Number.isInteger(n) && n >= MIN_CANCEL_WINDOW_S && n <= MAX_CANCEL_WINDOW_S ? n : DEFAULT_CANCEL_WINDOW_S;
}
