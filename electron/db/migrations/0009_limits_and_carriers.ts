// Migration 0009 (issue 12, limits and carrier phones): a per-day limit and per-carrier pacing on
// the mail account, the encoding a notice is sent in, and an index for the rolling-window counts
// the send loop reads at start (the messages of the last 24 hours through one account).
// Existing accounts get the default carrier pacing (20 a minute) and no daily limit.
export default /* sql */ `
ALTER TABLE smtp_profiles ADD COLUMN per_day INTEGER;
ALTER TABLE smtp_profiles ADD COLUMN carrier_per_minute INTEGER DEFAULT 20;
ALTER TABLE campaigns ADD COLUMN encoding TEXT NOT NULL DEFAULT 'utf-8' CHECK (encoding IN ('utf-8', 'iso-2022-jp'));
CREATE INDEX sends_recent_by_time ON sends(updated_at) WHERE status IN ('sent', 'unknown', 'in_flight');
`;
