// Migration 0008: sign-off by a one-time code mailed to the approver's own address (issue 16).
// - approval_addresses: each user's own approval mailbox (one per user), set with two PINs.
// - approval_codes: one row per mailed code. What is kept is an HMAC over (digest, approver,
//   expiry, code) with a key that lives only in this machine's secret store: the code itself is
//   never stored, so neither the database nor the audit log can give it away.
// - approvals.method / approvals.code_address: how the approval was given (a PIN at the desk, or a
//   code mailed to which address), shown on the approval screen.
export default /* sql */ `
CREATE TABLE approval_addresses (
  user_id  INTEGER PRIMARY KEY REFERENCES users(id),
  address  TEXT NOT NULL,
  set_by   TEXT NOT NULL,
  set_at   INTEGER NOT NULL
);

CREATE TABLE approval_codes (
  id           INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL REFERENCES campaigns(id),
  approver_id  INTEGER NOT NULL REFERENCES users(id),
  asked_by     INTEGER NOT NULL REFERENCES users(id),
  digest       TEXT NOT NULL,
  address      TEXT NOT NULL,
  mac          TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  used_at      INTEGER,
  voided_at    INTEGER,
  void_reason  TEXT
);
CREATE INDEX approval_codes_by_campaign ON approval_codes (campaign_id, approver_id);

ALTER TABLE approvals ADD COLUMN method TEXT NOT NULL DEFAULT 'pin' CHECK (method IN ('pin', 'mail-code'));
ALTER TABLE approvals ADD COLUMN code_address TEXT;
`;
