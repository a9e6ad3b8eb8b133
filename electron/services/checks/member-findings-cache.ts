// Keeps the member findings (shared/guards/member-findings.ts) of the last few recipient sets, so
// a notice's check after a change to its text, sender or files — or another notice to the same
// rows, or the frozen snapshot of the rows just checked — does not search 100k addresses again.
//
// Invalidation is by content, not by events: the key is a SHA-256 of the whole member view (every
// recipient's id, address, name, change, line and editor, the shared addresses and the policy),
// which is everything the member rules are given (memberView copies nothing else). Any change to
// a member, an exclusion, a suppression, the selection, a shared address or the policy changes
// the view, hence the key; no write path has to remember to invalidate anything. The recipients
// are read from the database afresh on every check; only the rules' work is reused.
import { createHash } from 'node:crypto';
import { memberFindings, memberView, memberViewText, type CheckRecipient, type MemberFindings, type MemberSource } from '../../../shared/guards';

/** Recipient sets kept (a notice's draft and frozen rows, another notice's list, a follow-up). */
const KEPT = 4;

export interface MemberFindingsCache {
  /** memberFindings(memberView(from)), computed or reused. */
  findingsFor(from: MemberSource): MemberFindings;
}

/** SHA-256 of the member view's text; `from` may be any part of it (memberViewText's emit). */
function hashText(write: (emit: (text: string) => void) => void): string {
  const hash = createHash('sha256');
  // Rows are hashed in batches: one update call per row costs more than the hashing itself.
  let batch = '';
  write((text) => {
    batch += text;
    if (batch.length > 65_536) {
      hash.update(batch);
      batch = '';
    }
  });
  hash.update(batch);
  return hash.digest('base64');
}

/**
 * The view's rows hashed once per frozen array (the draft recipients kept across edits of the
 * notice, draft-recipients-cache.ts): a frozen array of frozen rows cannot change, so the hash of
 * their text stays true. Other arrays are hashed on every call.
 */
const rowsHashes = new WeakMap<readonly CheckRecipient[], string>();

function rowsHash(recipients: readonly CheckRecipient[]): string {
  const kept = rowsHashes.get(recipients);
  if (kept !== undefined) return kept;
  const hash = hashText((emit) => memberViewText({ recipients, policy: {} }, emit));
  if (Object.isFrozen(recipients) && recipients.every((r) => Object.isFrozen(r))) rowsHashes.set(recipients, hash);
  return hash;
}

/**
 * The view with no rows, then the rows' hash: equal keys mean equal views, since the rows' text is
 * prefix-free (memberViewText) and SHA-256 stands for it. Computed the same way for every array,
 * so the frozen snapshot of rows just checked as a draft finds the draft's findings.
 */
function viewKey(from: MemberSource): string {
  const rows = rowsHash(from.recipients);
  return hashText((emit) => {
    memberViewText({ ...from, recipients: [] }, emit);
    emit(rows);
  });
}

export function createMemberFindingsCache(kept = KEPT): MemberFindingsCache {
  const entries = new Map<string, MemberFindings>();
  return {
    findingsFor(from) {
      const key = viewKey(from);
      const hit = entries.get(key);
      if (hit) {
        // Most recently used last, so the oldest is dropped first.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const found = memberFindings(memberView(from));
      entries.set(key, found);
      if (entries.size > kept) entries.delete(entries.keys().next().value!);
      return found;
    },
  };
}
