// Who a check finding is about, by name and address: the finding carries member ids (the report
// stays small at 100k members) and the check screen asks for the people behind them when the user
// opens "show all". Before the freeze (and after a voided request) they are the list's members; after it, the frozen rows (a
// member re-imported since is known there by its position, as the check input numbers it).
import type { Db } from '../../db/connection';
import { mustGetCampaign } from '../../db/repos/campaigns-repo';
import { checksFrozenRows } from './check-input';

export interface CheckMember {
  readonly id: number;
  /** The member's Excel row, when the list still has it. */
  readonly line: number | null;
  readonly name: string;
  readonly email: string;
}

interface Row {
  id: number;
  line: number | null;
  name: string;
  email: string;
}

/** The people behind a finding's ids, in the order asked; ids that name nobody are left out. */
export function describeCheckMembers(db: Db, campaignId: number, ids: readonly number[]): CheckMember[] {
  const campaign = mustGetCampaign(db, campaignId);
  const wanted = JSON.stringify(ids);
  const rows = checksFrozenRows(db, campaign) ? frozenRows(db, campaignId, campaign.listId, wanted) : listRows(db, campaign.listId, wanted);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, line: r.line, name: r.name, email: r.email }] : [];
  });
}

/** One pass over the campaign's frozen rows (no index by member), each tested against the ids. */
function frozenRows(db: Db, campaignId: number, listId: number, wanted: string): Row[] {
  return db
    .prepare(
      `SELECT COALESCE(s.member_id, -(s.position + 1)) AS id, m.line AS line, s.name AS name, s.email AS email
         FROM snapshots s LEFT JOIN members m ON m.id = s.member_id AND m.list_id = ?
        WHERE s.campaign_id = ? AND COALESCE(s.member_id, -(s.position + 1)) IN (SELECT value FROM json_each(?))`,
    )
    .all(listId, campaignId, wanted) as Row[];
}

function listRows(db: Db, listId: number, wanted: string): Row[] {
  return db
    .prepare(
      `SELECT m.id AS id, m.line AS line, m.name AS name, m.email AS email
         FROM members m WHERE m.id IN (SELECT value FROM json_each(?)) AND m.list_id = ?`,
    )
    .all(wanted, listId) as Row[];
}
