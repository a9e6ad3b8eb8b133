// attachments:add refuses a file name holding direction controls ("a.pdf\u202Egpj.exe" shows as
// "a.pdfexe.jpg") with a validation error that says why, before anything is stored; ordinary
// names (Japanese, spaces, dots) pass the contract.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { hasBidiControls, showBidiControls } from '../../../shared/bidi';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const bytes = new Uint8Array([37, 80, 68, 70]);

describe('attachment file names', () => {
  it.each(['a.pdf\u202Egpj.exe', '\u202Bflyer.pdf', 'x\u2066.pdf', 'x\u2069.pdf', 'note\u200E.txt', 'note\u200F.txt', 'a\u061C.pdf'])(
    'refuses %j with a validation error naming the reason',
    async (fileName) => {
      const { fail } = createTestApp(cleanups);
      const error = await fail('attachments:add', { actorId: 1, campaignId: 1, fileName, bytes });
      expect(error.code).toBe('validation');
      expect(error.details).toEqual({ issues: [{ path: ['fileName'], message: expect.stringMatching(/reverse the direction of the text/) }] });
    },
  );

  it('lets ordinary names through the contract (the campaign check comes next)', async () => {
    const { fail } = createTestApp(cleanups);
    for (const fileName of ['総会資料 2024.pdf', 'a.b.c.xlsx', 'report (final).docx']) {
      expect((await fail('attachments:add', { actorId: 1, campaignId: 999, fileName, bytes })).code).not.toBe('validation');
    }
  });

  it('shows the hidden characters for the operator', () => {
    expect(hasBidiControls('a.pdf\u202Egpj.exe')).toBe(true);
    expect(showBidiControls('a.pdf\u202Egpj.exe')).toBe('a.pdf<U+202E>gpj.exe');
    expect(hasBidiControls('総会資料.pdf')).toBe(false);
  });
});
