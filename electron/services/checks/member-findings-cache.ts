// Keeps the member findings (shared/guards/member-findings.ts) of the last few recipient sets, so
// a notice's check after a change to its text, sender or files — or another notice to the same
// rows, or the frozen snapshot of the rows just checked — does not search 100k addresses again.
//
// Invalidation is by content, not by events: the key is a SHA-256 of the whole MemberView (every
// recipient's id, address, name, change, line and editor, the shared addresses and the policy),
// which is everything the member rules are given. Any change to a member, an exclusion, a
// suppression, the selection, a shared address or the policy changes the view, hence the key;
// no write path has to remember to invalidate anything. The view is read afresh on every check.
import { createHash } from 'node:crypto';
import { memberFindings, memberViewText, type MemberFindings, type MemberView } from '../../../shared/guards';

/** Recipient sets kept (a notice's draft and frozen rows, another notice's list, a follow-up). */
const KEPT = 4;

export interface MemberFindingsCache {
  findingsFor(view: MemberView): MemberFindings;
}

export function viewKey(view: MemberView): string {
  const hash = createHash('sha256');
  // Rows are hashed in batches: one update call per row costs more than the hashing itself.
  let batch = '';
  memberViewText(view, (text) => {
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
    findingsFor(view) {
      const key = viewKey(view);
      const hit = entries.get(key);
      if (hit) {
        // Most recently used last, so the oldest is dropped first.
        entries.delete(key);
        entries.set(key, hit);
        return hit;
      }
      const found = memberFindings(view);
      entries.set(key, found);
      if (entries.size > kept) entries.delete(entries.keys().next().value!);
      return found;
    },
  };
}
