// Migration 0014 (issue 15, approval at 100k members):
// - snapshot_digests.version: which digest version a stored snapshot hash was computed for. Rows
//   stored before this migration were hashed for version 2 (parsed rows); new ones for version 3
//   (the stored text), so an approval signed before the update is still checked against its own hash.
// - sends_by_snapshot: deleting a frozen snapshot (a new approval request, a deleted campaign)
//   checks the sends foreign key once per row; without an index on sends.snapshot_id each check
//   scanned every send of every campaign (20,000 rows with 5,000 earlier sends took 8 s).
export default /* sql */ `
ALTER TABLE snapshot_digests ADD COLUMN version INTEGER NOT NULL DEFAULT 2;
CREATE INDEX sends_by_snapshot ON sends(snapshot_id);
`;
