// Entering or leaving practice while a list is being imported: the switch closed the database
// under the import, which then failed with "something went wrong inside Tayori" and left its
// pending list behind. Now the switch is refused in plain words while an import runs, the import
// completes, and the switch works once it has.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('switching workspace during an import', () => {
  it('is refused while the import runs; the import completes; the switch works after', { timeout: 120_000 }, async () => {
    const { call, fail, core } = createTestApp(cleanups);
    const a = await call('users:create', { name: '相川', pin: '4826' });
    await call('users:create', { name: '別所', pin: '7391' });
    const rows = ['会員番号,氏名,メールアドレス'];
    for (let i = 1; i <= 200_000; i++) rows.push(`${i},会員 ${i},m${i}@d${i % 97}.example`);
    const imported = call('import:run', { actorId: a.id, listName: '全戸', fileName: 'm.csv', bytes: new TextEncoder().encode(rows.join('\n')), keyColumn: '会員番号' });
    const imports = core.context.services().imports;
    while (imports.running() === 0) await new Promise((r) => setTimeout(r, 5));

    const refused = await fail('practice:enter', {});
    expect(refused.code).toBe('import-running');

    const r = await imported;
    expect(r.counts.accepted).toBe(200_000);
    const db = core.context.services().db;
    expect(db.prepare('SELECT count(*) FROM lists WHERE pending = 1').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM members WHERE list_id = ?').pluck().get(r.listId)).toBe(200_000);
    await call('practice:enter', {});
    expect((await call('app:info', {})).workspace).toBe('practice');
  });
});
