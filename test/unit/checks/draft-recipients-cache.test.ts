// draftRecipientsCached (electron/services/checks/draft-recipients-cache.ts): a read is kept while
// the members version stands and reused only for the same list, selection and field names; nothing
// is kept inside a transaction; what is kept is frozen, so no report can change it for the next.
import { afterEach, describe, expect, it } from 'vitest';
import { outsideMembers } from '../../../electron/db/content-version';
import { draftRecipientsCached, type DraftRecipients } from '../../../electron/services/checks/draft-recipients-cache';
import { tempDb } from '../../helpers/tmp';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const ALL = { kind: 'all' } as const;

function world() {
  const t = tempDb();
  cleanup = t.cleanup;
  let reads = 0;
  const read = (): DraftRecipients => {
    reads++;
    return {
      recipients: [{ id: reads, email: `m${reads}@example.jp`, name: 'n', fields: {} }],
      leftOut: { merged: 0, excluded: 0, suppressed: [{ email: 'x@example.jp', reason: 'bounced' }], suppressedCount: 1, missing: [], missingCount: 0 },
    };
  };
  const write = () => t.db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('probe', ?)").run(String(Math.random()));
  return { db: t.db, read, reads: () => reads, write };
}

describe('draftRecipientsCached', () => {
  it('reuses a read while the members version stands, for the same list, selection and fields only', () => {
    const { db, read, reads, write } = world();
    const first = draftRecipientsCached(db, 1, ALL, ['a', 'b'], read);
    expect(draftRecipientsCached(db, 1, ALL, ['b', 'a'], read)).toBe(first);
    expect(reads()).toBe(1);
    outsideMembers(db, write);
    expect(draftRecipientsCached(db, 1, ALL, ['a', 'b'], read)).toBe(first);
    expect(reads()).toBe(1);
    draftRecipientsCached(db, 1, ALL, ['a'], read);
    draftRecipientsCached(db, 2, ALL, ['a', 'b'], read);
    draftRecipientsCached(db, 1, { kind: 'all', exclude: ['k:1'] }, ['a', 'b'], read);
    expect(reads()).toBe(4);
    write();
    expect(draftRecipientsCached(db, 1, { kind: 'all', exclude: ['k:1'] }, ['a', 'b'], read)).not.toBe(first);
    expect(reads()).toBe(5);
  });

  it('keeps nothing read inside a transaction', () => {
    const { db, read, reads } = world();
    db.transaction(() => draftRecipientsCached(db, 1, ALL, [], read))();
    draftRecipientsCached(db, 1, ALL, [], read);
    expect(reads()).toBe(2);
  });

  it('hands out frozen rows, array and left-out counts', () => {
    const { db, read } = world();
    const kept = draftRecipientsCached(db, 1, ALL, [], read);
    expect(Object.isFrozen(kept.recipients)).toBe(true);
    expect(kept.recipients.every((r) => Object.isFrozen(r))).toBe(true);
    expect(Object.isFrozen(kept.leftOut) && Object.isFrozen(kept.leftOut.suppressed) && Object.isFrozen(kept.leftOut.suppressed[0])).toBe(true);
    expect(() => (kept.recipients as unknown as unknown[]).push({})).toThrow();
  });
});
