// Migration 0003: a list created by an import is "pending" while the file is read. Its members
// are written in short per-chunk transactions (never one long one, see import-service.ts), so
// readers must not see the list until the import's final transaction clears the flag; a crash
// leaves it pending, and the import service deletes such leftovers.
export default /* sql */ `
ALTER TABLE lists ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;
`;
