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
import { memberFindings, memberView, memberViewText, type MemberFindings, type MemberSource } from '../../../shared/guards';

/** Recipient sets kept (a notice's draft and frozen rows, another notice's list, a follow-up). */
const KEPT = 4;

export interface MemberFindingsCache {
  /** memberFindings(memberView(from)), computed or reused. */
  findingsFor(from: MemberSource): MemberFindings;
}

function viewKey(from: MemberSource): string {
  const hash = createHash('sha256');
  // Rows are hashed in batches: one update call per row costs more than the hashing itself.
  let batch = '';
  memberViewText(from, (text) => {
    batch += text;
    if (batch.length > 65_536) {
      hash.update(batch);
      batch = '';
    }
  });
  hash.update(batch);
  return hash.digest('base64');
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
