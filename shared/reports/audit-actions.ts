// Every action Tayori writes to the audit log, in one closed list with the words a person reads
// in History and in the exported CSV ("PIN の入力ミス", not `pin.failed`). The audit service
// accepts only these names, so a new action does not compile until it has words in both languages.
import type { ReplyWords } from './smtp-reply-words';

export const AUDIT_ACTION_WORDS = {
  'list.created': { ja: '名簿を作成', en: 'List created' },
  'list.renamed': { ja: '名簿の名前を変更', en: 'List renamed' },
  'list.imported': { ja: '名簿を取り込み', en: 'List imported' },
  'list.import-undone': { ja: '取り込みを元に戻した', en: 'Import undone' },
  'member.edited': { ja: '会員の情報を修正', en: 'Member edited' },
  'member.excluded': { ja: '会員を送信対象から除外', en: 'Member excluded from sending' },
  'member.included': { ja: '会員の除外を解除', en: 'Member included again' },
  'address.marked-shared': { ja: 'アドレスを家族などの共用と確認', en: 'Address marked as shared' },
  'address.unmarked-shared': { ja: 'アドレスの共用の確認を取り消し', en: 'Shared address mark removed' },
  'suppression.added': { ja: '送信停止リストに追加', en: 'Added to the suppression list' },
  'suppression.updated': { ja: '送信停止リストを更新', en: 'Suppression list entry updated' },
  'suppression.removed': { ja: '送信停止リストから削除', en: 'Removed from the suppression list' },
  'campaign.created': { ja: 'お知らせを作成', en: 'Notice created' },
  'campaign.edited': { ja: 'お知らせを編集', en: 'Notice edited' },
  'campaign.copied': { ja: 'お知らせを複製', en: 'Notice copied' },
  'campaign.follow-up-created': { ja: '追いかけのお知らせを作成', en: 'Follow-up notice created' },
  'campaign.attachment-added': { ja: '添付ファイルを追加', en: 'Attachment added' },
  'campaign.attachment-removed': { ja: '添付ファイルを削除', en: 'Attachment removed' },
  'campaign.encoding-changed': { ja: '文字コード（携帯向け ISO-2022-JP など）を変更', en: 'Message encoding changed' },
  'approval.requested': { ja: '承認を依頼', en: 'Approval requested' },
  'approval.given': { ja: '承認', en: 'Approved' },
  'approval.voided': { ja: '承認が無効になった', en: 'Approval voided' },
  'approval.code-sent': { ja: '承認コードを承認者のメールへ送信', en: 'Approval code mailed to the approver' },
  'approval-code.failed': { ja: '承認コードの入力ミス', en: 'Wrong approval code entered' },
  'approval-address.set': { ja: '承認者のメールアドレスを登録・変更', en: "Approver's mail address set" },
  'test.sent': { ja: 'テスト送信', en: 'Test message sent' },
  'test-address.added': { ja: 'テスト送信先を登録', en: 'Test address registered' },
  'test-address.removed': { ja: 'テスト送信先を削除', en: 'Test address removed' },
  'send.scheduled': { ja: '送信を予約（取り消し猶予の開始）', en: 'Send scheduled (cancel window started)' },
  'send.cancelled': { ja: '送信を取り消し', en: 'Send cancelled' },
  'send.started': { ja: '送信を開始', en: 'Sending started' },
  'send.resumed': { ja: '送信を再開', en: 'Sending resumed' },
  'send.paused': { ja: '送信を一時停止', en: 'Sending paused' },
  'send.stopped': { ja: '送信を中止', en: 'Sending stopped' },
  'send.completed': { ja: '送信が完了', en: 'Sending completed' },
  'send.blocked': { ja: '送信を止めた（条件を満たさない）', en: 'Send blocked' },
  'send.not-sent-late': { ja: '予約時刻を過ぎたため送らなかった', en: 'Not sent: too late after the scheduled time' },
  'send.member': { ja: '1 人分の送信結果', en: 'Result for one member' },
  'send.resend-failed': { ja: '失敗した宛先に送り直し', en: 'Failed members sent again' },
  'send.unknown-resolved': { ja: '「不明」の宛先を確認', en: 'Unknown members resolved' },
  'pin.failed': { ja: 'PIN の入力ミス', en: 'Wrong PIN entered' },
  'pin.locked': { ja: 'PIN の入力ミスが続いたためロック', en: 'Locked after wrong PINs' },
  'user.created': { ja: '利用者を追加', en: 'User added' },
  'user.renamed': { ja: '利用者の名前を変更', en: 'User renamed' },
  'user.removed': { ja: '利用者を削除', en: 'User removed' },
  'user.pin-reset': { ja: 'PIN を変更', en: 'PIN changed' },
  'user.pin-recovered': { ja: '復旧コードで PIN を再設定', en: 'PIN reset with the recovery code' },
  'recovery-code.issued': { ja: '復旧コードを発行', en: 'Recovery code issued' },
  'profile.created': { ja: 'メールアカウントを登録', en: 'Mail account added' },
  'profile.updated': { ja: 'メールアカウントを変更', en: 'Mail account changed' },
  'profile.deleted': { ja: 'メールアカウントを削除', en: 'Mail account deleted' },
  'profile.tested': { ja: 'メールアカウントの接続を確認', en: 'Mail account connection tested' },
  'profile.oauth-signed-in': { ja: 'メールアカウントに Microsoft / Google でサインイン', en: 'Mail account signed in (Microsoft / Google)' },
  'profile.oauth-refresh-failed': { ja: 'サインインの更新に失敗（もう一度サインインが必要）', en: 'Sign-in could not be renewed (sign in again)' },
  'imap.created': { ja: '不達メール読み取り用の受信設定を登録', en: 'Bounce mailbox (IMAP) added' },
  'imap.updated': { ja: '不達メール読み取り用の受信設定を変更', en: 'Bounce mailbox (IMAP) changed' },
  'imap.deleted': { ja: '不達メール読み取り用の受信設定を削除', en: 'Bounce mailbox (IMAP) removed' },
  'imap.sent-copy': { ja: '送信済みフォルダーに控えを保存', en: 'Copy saved in the Sent folder' },
  'imap.sent-copy-failed': { ja: '送信済みフォルダーへの控えの保存に失敗', en: 'Saving the copy in the Sent folder failed' },
  'bounces.scanned': { ja: '不達メールを確認', en: 'Checked for bounces' },
  'bounces.scan-failed': { ja: '不達メールの確認に失敗', en: 'Checking for bounces failed' },
  'bounces.suppressed': { ja: '不達の宛先を送信停止リストに追加', en: 'Bounced members added to the suppression list' },
  'settings.updated': { ja: '設定を変更', en: 'Settings changed' },
  'settings.oauth-updated': { ja: 'サインイン用アプリの設定を変更', en: 'Sign-in app settings changed' },
  'audit.exported': { ja: '記録を書き出し', en: 'Audit log exported' },
  'report.recipients-exported': { ja: '受信者の一覧を書き出し', en: 'Recipient list exported' },
  'report.incident-exported': { ja: '事故報告の資料を書き出し', en: 'Incident report exported' },
  'practice.seeded': { ja: '練習用データを用意', en: 'Practice data prepared' },
} as const satisfies Record<string, ReplyWords>;

export type AuditAction = keyof typeof AUDIT_ACTION_WORDS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_WORDS) as AuditAction[];

const isAuditAction = (a: string): a is AuditAction => Object.hasOwn(AUDIT_ACTION_WORDS, a);

/** The words for an action; a row written by another version of Tayori shows its own name. */
export function auditActionWords(action: string, lang: 'ja' | 'en'): string {
  return isAuditAction(action) ? AUDIT_ACTION_WORDS[action][lang] : action;
}
