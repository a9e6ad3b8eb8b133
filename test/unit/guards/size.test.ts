// List size against the last send, and the empty list.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/guards';
import { cleanInput, codes, recipients } from './build-input';

const many = (n: number) => recipients(Array.from({ length: n }, (_, i) => `member${i}@town${i}.jp`));

describe('list size', () => {
  it('warns when the list is more than 1.5x the last send', () => {
    const r = runChecks(cleanInput({ recipients: many(16), previous: { lastSendCount: 10 } }));
    expect(r.items.find((i) => i.code === 'list-much-larger')!.params).toMatchObject({ count: 16, previous: 10 });
    expect(codes(runChecks(cleanInput({ recipients: many(15), previous: { lastSendCount: 10 } })))).toEqual([]);
    expect(codes(runChecks(cleanInput({ recipients: many(15), previous: {} })))).toEqual([]);
  });

  it('blocks an empty list', () => {
    expect(codes(runChecks(cleanInput({ recipients: [] })))).toEqual(['no-recipients']);
  });
});
