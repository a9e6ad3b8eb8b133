// Reads, from the CURRENT database, everything the approval digest covers: the digest header
// (templates, attachments re-hashed from their stored bytes, profile, check findings) and the
// recipient source rows (the list's members, or for a follow-up the earlier campaign's recipients).
import { sha256Hex } from '../sha256';
import { listAttachmentFiles } from '../../db/repos/attachments-repo';
import type { Db } from '../../db/connection';
import { parseFields } from '../../db/json';
import type { Campaign } from '../../db/repos/campaigns-repo';
import { iterateMembers } from '../../db/repos/members-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { snapshotFromList, snapshotFromSends, type NewSnapshotRow } from '../../db/repos/snapshots-repo';
import type { DigestHeader } from './campaign-digest';

export type CheckSeverity = 'blocking' | 'warning' | 'info';
export type ChecksFn = (campaignId: number) => { items: readonly { code: string; severity: CheckSeverity }[] };

/** Attachments as the digest sees them: the hash is recomputed from the bytes that will be sent. */
function attachmentPart(db: Db, campaignId: number): DigestHeader['attachments'] {
  return listAttachmentFiles(db, campaignId).map((f) => ({
    name: f.fileName,
    sha256: sha256Hex(f.content),
    bytes: f.content.byteLength,
  }));
}

export function checkItems(checks: ChecksFn | undefined, campaignId: number): DigestHeader['checks'] {
  if (!checks) return null;
  // Info items are not part of what the approver signs off; order is made canonical so that a
  // checker that reorders equal findings does not void approvals.
  return checks(campaignId)
    .items.filter((i) => i.severity === 'blocking' || i.severity === 'warning')
    .map((i) => ({ code: i.code, severity: i.severity }))
    .sort((a, b) => {
      const ka = `${a.severity}\u0000${a.code}`;
      const kb = `${b.severity}\u0000${b.code}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

export function digestHeader(db: Db, c: Campaign, checks: ChecksFn | undefined): DigestHeader {
  const p = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
  return {
    templates: { subject: c.subjectTemplate, body: c.bodyTemplate },
    attachments: attachmentPart(db, c.id),
    profile: p
      ? {
          id: p.id,
          host: p.host,
          port: p.port,
          security: p.security,
          user: p.authUser,
          fromAddress: p.fromAddress,
          fromName: p.fromName,
          practice: p.practice,
        }
      : null,
    checks: checkItems(checks, c.id),
  };
}

/** The rows a snapshot of this campaign would hold if frozen now, in order. */
export function* sourceRows(db: Db, c: Campaign): Generator<NewSnapshotRow> {
  if (c.followUpOf === null) {
    for (const m of iterateMembers(db, c.listId)) yield { memberId: m.id, email: m.email, name: m.name, fields: m.fields };
    return;
  }
  const statuses = c.followUpStatuses ?? [];
  if (statuses.length === 0) return;
  const stmt = db.prepare(
    `SELECT snapshots.member_id, snapshots.email, snapshots.name, snapshots.fields_json
     FROM sends JOIN snapshots ON snapshots.id = sends.snapshot_id
     WHERE sends.campaign_id = ? AND sends.status IN (${statuses.map(() => '?').join(', ')})
     ORDER BY snapshots.position`,
  );
  type Row = { member_id: number | null; email: string; name: string; fields_json: string };
  for (const r of stmt.iterate(c.followUpOf, ...statuses) as IterableIterator<Row>) {
    yield { memberId: r.member_id, email: r.email, name: r.name, fields: parseFields(r.fields_json) };
  }
}

/** Freezes sourceRows(c) into the campaign's snapshot (same rows, same order); returns the count. */
export function freezeSnapshot(db: Db, c: Campaign): number {
  return c.followUpOf === null
    ? snapshotFromList(db, c.id, c.listId)
    : snapshotFromSends(db, c.id, c.followUpOf, c.followUpStatuses ?? []);
}
