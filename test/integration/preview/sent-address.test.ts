// {{the email column}} prints the address the message is sent to, not the cell as typed: a list
// imported from "hanako.y＠example.jp " (full-width @, trailing space) shows hanako.y@example.jp
// in the preview, which is what the sender sends (both use buildMessage).
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../electron/services/clock';
import { createImportService } from '../../../electron/services/import';
import { createPreviewService } from '../../../electron/services/preview-service';
import { withSentAddress } from '../../../shared/message/sent-address';
import { tempDb } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('the email placeholder', () => {
  it('renders the normalised address the member is sent to', async () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const csv = '氏名,メールアドレス,予備\n山田 花子,"hanako.y＠example.jp ",mailto:hanako.y@example.jp\n佐藤 一郎,ichiro@example.jp,\n';
    const imported = await createImportService({ db: t.db, clock: manualClock() }).importBuffer({
      bytes: new TextEncoder().encode(csv),
      fileName: 'm.csv',
      listName: '会員',
    });
    expect(imported.normalised).toEqual([expect.objectContaining({ from: 'hanako.y＠example.jp ', to: 'hanako.y@example.jp' })]);
    const preview = createPreviewService({ db: t.db });
    const args = {
      listId: imported.listId,
      template: { subject: '{{氏名}} 様（{{メールアドレス}}）', body: '登録アドレス: {{メールアドレス}}\n予備: {{予備|なし}}' },
      sender: { address: 'info@example.jp', name: '町内会' },
    };
    const first = preview.previewByPosition({ ...args, index: 0 });
    expect(first.ok && first.message).toMatchObject({
      to: { address: 'hanako.y@example.jp' },
      subject: '山田 花子 様（hanako.y@example.jp）',
      text: '登録アドレス: hanako.y@example.jp\n予備: hanako.y@example.jp',
    });
    // The stored row keeps the cell as it was typed.
    expect(first.member.fields['メールアドレス']).toBe('hanako.y＠example.jp ');
    const second = preview.previewByPosition({ ...args, index: 1 });
    expect(second.ok && second.message.text).toBe('登録アドレス: ichiro@example.jp\n予備: なし');
  });

  it('leaves other cells alone, including other people\'s addresses, and a "__proto__" column stays a field', () => {
    const fields = { email: 'Ａ@example.jp', other: 'b＠example.jp', __proto__x: 'x' };
    expect(withSentAddress(fields, 'A@example.jp')).toEqual({ email: 'A@example.jp', other: 'b＠example.jp', __proto__x: 'x' });
    const proto = JSON.parse('{"__proto__":"a＠example.jp"}') as Record<string, string>;
    const out = withSentAddress(proto, 'a@example.jp');
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('a@example.jp');
    const clean = { email: 'c@example.jp' };
    expect(withSentAddress(clean, 'c@example.jp')).toBe(clean);
  });
});
