// Migration 0007: the text read from a PDF attachment, kept by the file's sha256 (issue 10). It
// was a cache in memory, filled only when a handler remembered to ask, so after a restart the
// check report (and with it the approval digest) could read a PDF differently. Read once when the
// file is added; the same bytes in another notice reuse the row. text NULL: the reader could not
// read the file (encrypted, damaged), and the checks fall back to their own scan of the bytes.
export default /* sql */ `
CREATE TABLE attachment_texts (
  sha256       TEXT PRIMARY KEY,
  text         TEXT,
  extracted_at INTEGER NOT NULL
) WITHOUT ROWID;
`;
