// The approval mail's words: what the approver is signing off (the same facts as the approval
// screen: notice, list, who in words, count and domains, every warning, three sample previews,
// attachments, the cancel window) and the one-time code. Plain text in the organisation's
// language (Japanese unless set to English). Pure: it neither reads the database nor sends.
import type { ApprovalSummaryDto } from '../../../shared/contract';
import { formatCode } from './approval-code';

type MailLanguage = 'ja' | 'en';

export interface ApprovalMailFacts {
  readonly summary: ApprovalSummaryDto;
  readonly approverName: string;
  readonly askedByName: string;
  readonly code: string;
  readonly expiresAt: number;
  readonly lang: MailLanguage;
}

const WORDS = {
  ja: {
    subject: (name: string) => `【承認のお願い】${name}`,
    hello: (approver: string, asker: string) => [`${approver} 様`, '', `${asker} さんから、次の配信の承認をお願いしています。`, '内容を確かめて、よければ下の承認コードを Tayori に入力してください（電話で読み上げても構いません）。'],
    code: '承認コード',
    validUntil: (t: string) => `有効期限: ${t}（1 回だけ使えます）`,
    codeNote: 'このコードはこの内容だけを承認します。配信の内容が少しでも変わると、このコードは使えなくなります。',
    notice: '配信の名前',
    list: '名簿',
    who: '送信先',
    count: (n: number) => `送信する人数: ${n} 人`,
    domains: (n: number) => `ドメイン別（全 ${n} ドメイン）`,
    from: '差出人',
    server: '送信サーバー',
    subjectLine: '件名',
    attachments: '添付ファイル',
    noAttachments: 'なし',
    bytes: (n: number) => `${n.toLocaleString('ja-JP')} バイト`,
    cancel: (s: string) => `取り消しの猶予: 送信開始の前に ${s} あり、その間は取り消せます。`,
    warnings: (n: number) => `チェック結果の注意（${n} 件）`,
    noWarnings: 'チェック結果の注意: ありません',
    samples: '見本（承認画面と同じ 3 人）',
    sample: (i: number, who: string) => `── 見本 ${i}: ${who} ──`,
    missing: (f: string) => `（この人の行には ${f} がありません）`,
    digest: '内容の指紋（ダイジェスト）',
    notYou: '心当たりのない依頼なら、コードを誰にも伝えず、事務局に知らせてください。',
    seconds: (s: number) => (s % 60 === 0 ? `${s / 60} 分` : `${s} 秒`),
  },
  en: {
    subject: (name: string) => `[Approval requested] ${name}`,
    hello: (approver: string, asker: string) => [`Dear ${approver},`, '', `${asker} asks you to approve the notice below.`, 'Check it, and if it is right, enter the approval code below in Tayori (or read it out over the phone).'],
    code: 'Approval code',
    validUntil: (t: string) => `Valid until: ${t} (works once)`,
    codeNote: 'This code approves exactly this content. Any change to the notice makes the code unusable.',
    notice: 'Notice',
    list: 'List',
    who: 'Recipients',
    count: (n: number) => `Recipients: ${n}`,
    domains: (n: number) => `By domain (${n} domains in all)`,
    from: 'From',
    server: 'Mail server',
    subjectLine: 'Subject',
    attachments: 'Attachments',
    noAttachments: 'none',
    bytes: (n: number) => `${n.toLocaleString('en')} bytes`,
    cancel: (s: string) => `Cancel window: ${s} before the send starts, during which it can be cancelled.`,
    warnings: (n: number) => `Warnings of the check report (${n})`,
    noWarnings: 'Warnings of the check report: none',
    samples: 'Samples (the same 3 the approval screen shows)',
    sample: (i: number, who: string) => `-- Sample ${i}: ${who} --`,
    missing: (f: string) => `(this member's row lacks ${f})`,
    digest: 'Content fingerprint (digest)',
    notYou: 'If you did not expect this request, do not give the code to anyone and tell the office.',
    seconds: (s: number) => (s % 60 === 0 ? `${s / 60} min` : `${s} s`),
  },
} as const;

const SAMPLES = 3;

export function composeApprovalMail(f: ApprovalMailFacts): { subject: string; text: string } {
  const w = WORDS[f.lang];
  const s = f.summary;
  const c = s.campaign;
  const when = new Date(f.expiresAt).toLocaleString(f.lang === 'ja' ? 'ja-JP' : 'en-GB');
  const warnings = s.report.items.filter((i) => i.severity === 'warning');
  const first = s.samples.find((x) => x.ok);
  const lines: string[] = [
    ...w.hello(f.approverName, f.askedByName),
    '',
    `${w.code}: ${formatCode(f.code)}`,
    w.validUntil(when),
    w.codeNote,
    '',
    `${w.notice}: ${c.name}`,
    `${w.list}: ${c.listName}`,
    `${w.who}: ${s.recipientsInWords[f.lang]}`,
    w.count(s.recipientCount),
    `${w.domains(s.report.counts.domains)}:`,
    ...s.report.byDomain.map((d) => `  ${d.domain}: ${d.count}`),
    `${w.from}: ${s.from.name ? `${s.from.name} <${s.from.address}>` : s.from.address}`,
    `${w.server}: ${s.server ? `${s.server.host}:${s.server.port}` : '-'}`,
    `${w.subjectLine}: ${first?.ok ? first.message.subject : c.subjectTemplate}`,
    `${w.attachments}: ${c.attachments.length === 0 ? w.noAttachments : ''}`,
    ...c.attachments.map((a) => `  ${a.fileName} (${w.bytes(a.bytes)})`),
    w.cancel(w.seconds(c.cancelWindowS)),
    '',
    warnings.length === 0 ? w.noWarnings : `${w.warnings(warnings.length)}:`,
    ...warnings.map((i) => `  ・${i.message[f.lang]}`),
    '',
    `${w.samples}:`,
  ];
  s.samples.slice(0, SAMPLES).forEach((x, i) => {
    lines.push('', w.sample(i + 1, `${x.name} <${x.email}>`));
    if (x.ok) lines.push(`${w.subjectLine}: ${x.message.subject}`, '', x.message.text);
    else lines.push(w.missing(x.missing.join(', ')));
  });
  lines.push('', `${w.digest}: ${s.digest}`, '', w.notYou);
  return { subject: w.subject(c.name), text: lines.join('\n') };
}
