// The check service: builds a campaign's CheckInput from the database and runs the guards.
// checkCampaign is synchronous (approval gating calls it inline): a PDF's text was read when the
// file was added and is stored (attachment-text.ts); one without stored text is read by the
// synchronous fallback scan.
//
// latestReport serves the check screen. A report is a pure function of the database's content
// (readCheckInput reads no clock and no file), so the last report of a campaign is served again
// while nothing at all was written since: SQLite's total_changes() counts every row this
// connection changed and PRAGMA data_version moves when another connection commits. Any write —
// a template, a member, a setting, a user — makes the next call compute afresh. The compose
// screen asks for it once a draft is saved, so the click on "Check" finds it ready.
//
// Approval gating (request, approve, the start-of-send check, each inside or outside a
// transaction) asks latestReport too: the approver's PIN check then finds the report the approval
// screen computed a moment before, if nothing was written since. A kept report is reused inside a
// transaction only while the version is unchanged — then this connection has written nothing in
// it and no other has committed, so it reads what the report was computed from — but a report
// computed inside a transaction is never kept (its rows may yet be rolled back).
//
// Whenever a report is computed the database is read afresh; the findings that depend only on
// the recipients (look-alikes, duplicates, typo domains, …) come from a cache keyed by the
// recipients' content (member-findings-cache.ts), so a change to the notice does not redo them;
// the template rule's renders of kept rows come from one keyed by the rows and the template
// (template-findings-cache.ts), so the approval request's report over the rows the check screen
// rendered does not render them again.
import { runChecks, type CheckReport } from '../../../shared/guards';
import type { Db } from '../../db/connection';
import { contentVersion } from '../../db/content-version';
import { readCheckInput } from './check-input';
import { createMemberFindingsCache } from './member-findings-cache';
import { createTemplateFindingsCache } from './template-findings-cache';

export interface CheckService {
  checkCampaign(campaignId: number): CheckReport;
  /** The same report, reused while the database is unchanged since it was computed (kept only outside a transaction). */
  latestReport(campaignId: number): CheckReport;
  /**
   * After a transaction committed: keeps `report` as the campaign's latest if it is the last report
   * latestReport computed inside a transaction, for this campaign. The caller vouches that nothing
   * the report reads was written after it was computed (the approval request: its later writes are
   * its own status, approval and audit rows). Returns whether it was kept.
   */
  keepCommitted(campaignId: number, report: unknown): boolean;
}

/** Reports kept (the notices a person switches between; each is tens of KB at 50k members). */
const KEPT_REPORTS = 4;

export function createCheckService(deps: { db: Db }): CheckService {
  const { db } = deps;
  const kept = new Map<number, { version: string; report: CheckReport }>();
  const version = () => contentVersion(db);
  const members = createMemberFindingsCache();
  const templates = createTemplateFindingsCache();
  const checkCampaign = (campaignId: number) => runChecks(readCheckInput(db, campaignId), members.findingsFor, templates.findingsFor);
  /** The last report computed inside a transaction (not kept unless keepCommitted vouches for it). */
  let inTransaction: { campaignId: number; report: CheckReport } | null = null;
  function keep(campaignId: number, v: string, report: CheckReport): void {
    kept.delete(campaignId);
    kept.set(campaignId, { version: v, report });
    if (kept.size > KEPT_REPORTS) kept.delete(kept.keys().next().value!);
  }
  return {
    checkCampaign,
    latestReport: (campaignId) => {
      const v = version();
      const hit = kept.get(campaignId);
      if (hit && hit.version === v) return hit.report;
      const report = checkCampaign(campaignId);
      if (db.inTransaction) {
        inTransaction = { campaignId, report };
        return report;
      }
      keep(campaignId, v, report);
      return report;
    },
    keepCommitted: (campaignId, report) => {
      const last = inTransaction;
      inTransaction = null;
      if (db.inTransaction || !last || last.campaignId !== campaignId || last.report !== report) return false;
      keep(campaignId, version(), last.report);
      return true;
    },
  };
}
