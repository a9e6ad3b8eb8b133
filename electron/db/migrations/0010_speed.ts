// Migration 0010 (issue 15, speed at 100k-1M members):
// - snapshot_digests: the hash of a campaign's frozen recipient rows, computed once when they are
//   frozen, so approving and starting a send verify the snapshot without reading it again. The
//   triggers drop the stored hash the moment any snapshot row of the campaign is changed or
//   deleted, and a row added later shows as a different row count (checked on every read):
//   a stored hash can only describe rows exactly as they were hashed.
export default /* sql */ `
CREATE TABLE snapshot_digests (
  campaign_id INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
  recipients  TEXT NOT NULL,
  row_count   INTEGER NOT NULL
);
CREATE TRIGGER snapshots_update_voids_digest AFTER UPDATE ON snapshots
BEGIN DELETE FROM snapshot_digests WHERE campaign_id IN (OLD.campaign_id, NEW.campaign_id); END;
CREATE TRIGGER snapshots_delete_voids_digest AFTER DELETE ON snapshots
BEGIN DELETE FROM snapshot_digests WHERE campaign_id = OLD.campaign_id; END;
`;
