// Promise 2, property-based: for random lists and templates, a member's message (subject, body,
// To) holds no other member's address or values unless its own row holds them, and rendering is
// a pure function of the row. Values are unique marker tokens so containment is meaningful.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMessage, type Recipient } from '../../../shared/message';
import { compileTemplate, isBlank } from '../../../shared/template';

const COLUMN_POOL = ['氏名', '会社', '部署', '住所', 'First Name', '備考', 'メール'] as const;
const sender = { address: 'office@example.org', name: '事務局' };

type Cell =
  | { k: 'own'; deco: string }
  | { k: 'blank'; text: string }
  | { k: 'shared'; text: string }
  | { k: 'copy-email'; of: number }
  | { k: 'template-like'; of: number };

const cellArb: fc.Arbitrary<Cell> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ k: fc.constant('own' as const), deco: fc.constantFrom('', ' ', '\r\n', '\nBcc: x@evil.test\n', '\u0000') }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('blank' as const), text: fc.constantFrom('', ' ', '　', '\t\n') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('shared' as const), text: fc.constantFrom('ACME', '総務部') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('copy-email' as const), of: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('template-like' as const), of: fc.nat() }) },
);

const emailOf = (i: number, salt: string) => `member-${i}-${salt}@ex-${i}-${salt}.jp`;
const marker = (i: number, c: number, salt: string) => `⟦${i}.${c}.${salt}⟧`;

interface World {
  columns: string[];
  recipients: Recipient[];
}

const worldArb: fc.Arbitrary<World> = fc
  .record({
    columns: fc.subarray([...COLUMN_POOL], { minLength: 1 }),
    salt: fc.stringMatching(/^[a-z0-9]{4}$/),
    n: fc.integer({ min: 1, max: 6 }),
  })
  .chain(({ columns, salt, n }) =>
    fc
      .array(fc.array(cellArb, { minLength: columns.length, maxLength: columns.length }), { minLength: n, maxLength: n })
      .map((cells) => {
        const recipients = cells.map((row, i): Recipient => {
          const fields: Record<string, string> = {};
          row.forEach((cell, c) => {
            const col = columns[c]!;
            if (cell.k === 'own') fields[col] = `${cell.deco}${marker(i, c, salt)}${cell.deco}`;
            else if (cell.k === 'blank' || cell.k === 'shared') fields[col] = cell.text;
            // Overlap on purpose: this row holds another member's address, or a placeholder for it.
            else if (cell.k === 'copy-email') fields[col] = emailOf(cell.of % n, salt);
            else fields[col] = `{{${columns[cell.of % columns.length]}}}`;
          });
          const name = fields['氏名'] ?? `${marker(i, 99, salt)}`;
          return { email: emailOf(i, salt), name, fields };
        });
        return { columns, recipients };
      }),
  );

/** Random templates built from the list's columns (and one unknown name), nested conditionals. */
function templatePartArb(columns: string[]): fc.Arbitrary<string> {
  const col = fc.constantFrom(...columns, '未定義');
  const { part } = fc.letrec<{ part: string; node: string }>((tie) => ({
    part: fc.array(tie('node'), { maxLength: 5 }).map((xs) => xs.join('')),
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('様', 'こんにちは ', '\n', ' ', '\r\n', '|', '}}', 'Dear '),
      col.map((c) => `{{${c}}}`),
      col.map((c) => `{{ ${c} |既定}}`),
      fc
        .tuple(col, tie('part'), fc.option(tie('part')))
        .map(([c, a, b]) => (b === null ? `{{#if ${c}}}${a}{{/if}}` : `{{#if ${c}}}\n${a}\n{{else}}${b}{{/if}}`)),
    ),
  }));
  return part;
}

const caseArb = worldArb.chain((world) =>
  fc.record({ world: fc.constant(world), subject: templatePartArb(world.columns), body: templatePartArb(world.columns) }),
);

function ownText(r: Recipient): string {
  return [r.email, r.name, ...Object.values(r.fields)].join('\u0001');
}

describe('per-member isolation (fast-check)', () => {
  it('a message never holds another member’s address or values unless its own row does', () => {
    fc.assert(
      fc.property(caseArb, ({ world, subject, body }) => {
        const compiled = compileTemplate({ subject, body });
        const markerRe = /⟦[^⟧]*⟧/g;
        world.recipients.forEach((me, i) => {
          const r = buildMessage({ sender, recipient: me, template: compiled });
          const own = ownText(me);
          if (!r.ok) {
            // Only fields that really are blank or absent in this row are reported missing.
            for (const f of r.missing) expect(isBlank(me.fields[f])).toBe(true);
            return;
          }
          const m = r.message;
          expect(m.to.address).toBe(me.email);
          expect(m.subject).not.toMatch(/[\r\n\u0000]/);
          const out = [m.subject, m.text, m.to.address, m.to.name].join('\n');
          for (const token of out.match(markerRe) ?? []) expect(own).toContain(token);
          world.recipients.forEach((other, j) => {
            if (j !== i && out.includes(other.email)) expect(own).toContain(other.email);
          });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('rendering is a pure function of the row (order, other rows and copies do not matter)', () => {
    fc.assert(
      fc.property(caseArb, ({ world, subject, body }) => {
        const compiled = compileTemplate({ subject, body });
        const forward = world.recipients.map((rec) => buildMessage({ sender, recipient: rec, template: compiled }));
        const backward = [...world.recipients]
          .reverse()
          .map((rec) => buildMessage({ sender, recipient: structuredClone(rec), template: { subject, body } }))
          .reverse();
        expect(backward).toEqual(forward);
      }),
      { numRuns: 200 },
    );
  });
});
