// buildMessage: one recipient row in, one exact message out; addresses and headers stay single.
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../shared/message';
import { compileTemplate } from '../../../shared/template';
import { AppError } from '../../../shared/errors';

const sender = { address: 'office@example.org', name: '町内会 事務局' };
const recipient = { email: 'taro@example.jp', name: '山田 太郎', fields: { 氏名: '山田 太郎', 支部: '北' } };
const template = { subject: '{{支部}}支部のお知らせ', body: '{{氏名}}様\r\n\r\n総会のご案内です。' };

describe('buildMessage', () => {
  it('builds From, To with the member name, subject and body', () => {
    expect(buildMessage({ sender, recipient, template })).toEqual({
      ok: true,
      message: {
        from: { address: 'office@example.org', name: '町内会 事務局' },
        to: { address: 'taro@example.jp', name: '山田 太郎' },
        subject: '北支部のお知らせ',
        text: '山田 太郎様\n\n総会のご案内です。',
      },
    });
  });

  it('gives the same result from a template or its compiled form', () => {
    expect(buildMessage({ sender, recipient, template: compileTemplate(template) })).toEqual(
      buildMessage({ sender, recipient, template }),
    );
  });

  it('reports missing fields instead of a message', () => {
    expect(buildMessage({ sender, recipient: { ...recipient, fields: { 氏名: '' } }, template })).toEqual({
      ok: false,
      missing: ['支部', '氏名'],
    });
  });

  it('keeps display names on one line (no header injection through the name)', () => {
    const r = buildMessage({
      sender: { ...sender, name: 'Office\r\nX-Evil: 1' },
      recipient: { ...recipient, name: 'Taro\r\nBcc: all@example.com' },
      template,
    });
    expect(r.ok && r.message.to.name).toBe('Taro Bcc: all@example.com');
    expect(r.ok && r.message.from.name).toBe('Office X-Evil: 1');
  });

  it.each([
    'a@example.com, b@example.com',
    'a@example.com\r\nBcc: b@example.com',
    'Eve <eve@example.com>',
    'a@b@example.com',
    'no-at-sign',
    'a@example.com;b@example.com',
    '',
  ])('refuses a recipient address that is not one plain address: %j', (email) => {
    expect(() => buildMessage({ sender, recipient: { ...recipient, email }, template })).toThrow(AppError);
  });

  it('accepts internationalised domains and plus addressing', () => {
    const r = buildMessage({ sender, recipient: { ...recipient, email: 'user+tag@例え.jp' }, template });
    expect(r.ok && r.message.to.address).toBe('user+tag@例え.jp');
  });

  it('refuses a sender address with a second address', () => {
    expect(() =>
      buildMessage({ sender: { ...sender, address: 'a@example.org,b@example.org' }, recipient, template }),
    ).toThrowError(expect.objectContaining({ code: 'validation' }));
  });
});
