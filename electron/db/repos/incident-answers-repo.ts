// Repository for incident_answers (migration 0015): what people typed into a notice's incident
// report, one row per notice, replaced whole on each save.
import type { Db } from '../connection';
import { isDay, PPC_ITEMS, type IncidentAnswers, type PpcItem } from '../../../shared/reports/incident-report';

export interface SavedIncidentAnswers {
  readonly answers: IncidentAnswers;
  readonly savedAt: number;
  readonly savedBy: string | null;
}

interface Row {
  answers_json: string;
  saved_at: number;
  saved_by: string | null;
}

/**
 * The stored answers, keeping only what has the shape the screen writes (a hand-edited or
 * damaged row loses the odd value, never the report).
 */
function toAnswers(json: string): IncidentAnswers {
  let v: unknown;
  try {
    v = JSON.parse(json);
  } catch {
    v = null;
  }
  const o = (v !== null && typeof v === 'object' ? v : {}) as Record<string, unknown>;
  const rawTexts = (o.texts !== null && typeof o.texts === 'object' ? o.texts : {}) as Record<string, unknown>;
  const texts: Partial<Record<PpcItem, string>> = {};
  for (const item of PPC_ITEMS) {
    const t = rawTexts[item];
    if (typeof t === 'string') texts[item] = t;
  }
  return {
    discoveredOn: typeof o.discoveredOn === 'string' && isDay(o.discoveredOn) ? o.discoveredOn : null,
    sensitive: o.sensitive === true,
    financial: o.financial === true,
    improperPurpose: o.improperPurpose === true,
    texts,
  };
}

export function readIncidentAnswers(db: Db, campaignId: number): SavedIncidentAnswers | null {
  const r = db.prepare('SELECT answers_json, saved_at, saved_by FROM incident_answers WHERE campaign_id = ?').get(campaignId) as Row | undefined;
  return r ? { answers: toAnswers(r.answers_json), savedAt: r.saved_at, savedBy: r.saved_by } : null;
}

export function writeIncidentAnswers(db: Db, campaignId: number, answers: IncidentAnswers, savedBy: string | null, now: number): void {
  db.prepare(
    `INSERT INTO incident_answers (campaign_id, answers_json, saved_at, saved_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (campaign_id) DO UPDATE SET answers_json = excluded.answers_json, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
  ).run(campaignId, JSON.stringify(answers), now, savedBy);
}
