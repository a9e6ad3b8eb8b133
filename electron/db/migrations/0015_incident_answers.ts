// Migration 0015: what people typed into a notice's incident report (the day of discovery, the
// checklist, the free text per item), kept per notice so that closing the report, switching
// screens or restarting the app loses none of it. One row per notice; it goes with the notice.
export default /* sql */ `
CREATE TABLE incident_answers (
  campaign_id  INTEGER PRIMARY KEY REFERENCES campaigns(id) ON DELETE CASCADE,
  answers_json TEXT NOT NULL,
  saved_at     INTEGER NOT NULL,
  saved_by     TEXT
);
`;
