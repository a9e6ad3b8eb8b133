// Migration 0002: a follow-up campaign remembers which statuses of the earlier campaign it
// addresses (JSON array), so its recipient set can be re-derived and checked at send time.
export default /* sql */ `
ALTER TABLE campaigns ADD COLUMN follow_up_statuses TEXT;
`;
