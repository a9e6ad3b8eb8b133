// Builds CheckInput values as plain data for the guard tests: a clean input that passes every
// check, and recipients from short address/name lists.
import type { CheckInput, CheckRecipient } from '../../../shared/guards';

export function recipient(id: number, email: string, name = `Member ${id}`, extra: Partial<CheckRecipient> = {}): CheckRecipient {
  return { id, change: null, line: id + 1, ...extra, email, name, fields: { email, name, ...(extra.fields ?? {}) } };
}

export function recipients(emails: readonly string[], names?: readonly string[]): CheckRecipient[] {
  return emails.map((e, i) => recipient(i + 1, e, names?.[i] ?? `Member ${i + 1}`));
}

/** An input with nothing wrong in it; tests change one thing at a time. */
export function cleanInput(over: Partial<CheckInput> = {}): CheckInput {
  return {
    template: { subject: 'Notice for {{name}}', body: '{{name}} 様\n\nThe summer festival is on 3 August.' },
    columns: ['email', 'name'],
    recipients: recipients(['sato@example.org', 'kato@example.net', 'ito@example.com']),
    attachments: [],
    profile: { fromAddress: 'info@tayori-town.jp' },
    policy: { organisationAddress: 'info@tayori-town.jp' },
    previous: { lastSendCount: 3 },
    approversAvailable: 1,
    sampleSeed: 'seed',
    ...over,
  };
}

export function codes(report: { items: readonly { code: string }[] }): string[] {
  return report.items.map((i) => i.code);
}
