// Promise 2 through the real path (SQLite row -> preview service -> buildMessage), property-based:
// each member's preview holds no other member's address or marker values unless its row does.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/tmp';
import { createPreviewService } from '../../../electron/services/preview-service';
import { seedList, type SeedMember } from './helpers';

const COLUMNS = ['氏名', 'メールアドレス', '会社', '備考'];
let t: ReturnType<typeof tempDb>;
beforeAll(() => {
  t = tempDb();
});
afterAll(() => t.cleanup());

const listArb = fc
  .record({
    salt: fc.stringMatching(/^[a-z0-9]{5}$/),
    picks: fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom('', '\r\n', ' ')), { minLength: 1, maxLength: 8 }),
  })
  .map(({ salt, picks }): SeedMember[] =>
    picks.map(([other, copy, deco], i) => {
      const email = `m${i}-${salt}@ex${i}-${salt}.jp`;
      const name = `${deco}⟦name${i}-${salt}⟧${deco}`;
      // Some rows deliberately hold another member's address in a field (overlap).
      const 備考 = copy ? `m${other % picks.length}-${salt}@ex${other % picks.length}-${salt}.jp` : `⟦note${i}-${salt}⟧`;
      return { email, name, fields: { 氏名: name, メールアドレス: email, 会社: i % 3 === 0 ? '' : `⟦co${i}-${salt}⟧`, 備考 } };
    }),
  );

const templateArb = fc
  .array(fc.constantFrom('{{氏名}}', '{{会社|個人}}', '{{#if 会社}}{{会社}}{{else}}-{{/if}}', '{{備考}}', '{{メールアドレス}}', '\n', '様 '), {
    maxLength: 6,
  })
  .map((xs) => xs.join(''));

describe('preview isolation over SQLite (fast-check)', () => {
  it('no other member’s address or values reach a member’s preview', () => {
    const svc = createPreviewService({ db: t.db });
    fc.assert(
      fc.property(listArb, templateArb, templateArb, (members, subject, body) => {
        const { listId, ids } = seedList(t.db, COLUMNS, members);
        ids.forEach((memberId, i) => {
          const p = svc.preview({ listId, template: { subject, body }, sender: { address: 'o@example.org', name: 'o' }, memberId });
          expect(p.member.email).toBe(members[i]!.email);
          if (!p.ok) return;
          const own = [p.member.email, p.member.name, ...Object.values(p.member.fields)].join('\u0001');
          const out = [p.message.subject, p.message.text, p.message.to.address, p.message.to.name].join('\n');
          for (const token of out.match(/⟦[^⟧]*⟧/g) ?? []) expect(own).toContain(token);
          members.forEach((m, j) => {
            if (j !== i && out.includes(m.email)) expect(own).toContain(m.email);
          });
        });
      }),
      { numRuns: 60 },
    );
  });
});
