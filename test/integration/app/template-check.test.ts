// template:check through the dispatch both hosts use, with the hostile templates of issue 9:
// 3,000 nested {{#if}} come back as a syntax issue (not a crash), a 200,000-character line of
// block tags is checked and its fields listed.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('template:check with hostile templates', () => {
  it('answers 3,000 nested {{#if}} with a syntax issue at the first level too deep', async () => {
    const { call } = createTestApp(cleanups);
    const body = '{{#if a}}'.repeat(3000) + 'x' + '{{/if}}'.repeat(3000);
    const r = await call('template:check', { listId: null, subject: '件名', body });
    expect(r.ok).toBe(false);
    expect(r.issues).toEqual([expect.objectContaining({ code: 'template-syntax', part: 'body', line: 1, column: 32 * 9 + 1 })]);
    expect(r.fields).toEqual([]);
  });

  it('checks a 200,000-character line of block tags', async () => {
    const { call } = createTestApp(cleanups);
    const body = '{{#if 会社}}{{会社}}{{else}}個人{{/if}}'.repeat(200_000 / 33).slice(0, 200_000);
    const complete = body.slice(0, body.lastIndexOf('{{/if}}') + '{{/if}}'.length);
    const r = await call('template:check', { listId: null, subject: '件名', body: complete });
    expect(r).toMatchObject({ ok: true, issues: [] });
    expect(r.fields.map((f) => [f.field, f.kind])).toEqual([
      ['会社', 'condition'],
      ['会社', 'value'],
    ]);
  });
});
