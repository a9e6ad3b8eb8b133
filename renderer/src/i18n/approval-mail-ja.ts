// 遠隔承認（issue 16）の日本語の文: 承認用アドレス、メールでの承認依頼、承認コード。
import type { approvalMailEn } from './approval-mail-en';

export const approvalMailJa: typeof approvalMailEn = {
  askTitle: 'メールで承認を依頼',
  askIntro: '承認者がこの席にいないときは、団体のメールアカウントから、承認する内容と 1 回だけ使える承認コードを承認者にメールで送ります。送り先は、承認者本人の登録済みの承認用アドレスだけです。',
  approver: '承認者',
  goesTo: '送り先: %{address}',
  noAddress: '%{name} さんには承認用アドレスが登録されていません。設定 → 承認用アドレスで、2 人の PIN で登録してください。',
  askerPin: '%{name} さんの PIN（依頼する人）',
  ask: '承認依頼のメールを送る',
  sent: '%{name} さん（%{address}）に承認依頼のメールを送りました。コードの有効期限は %{time} です。',
  codeTitle: '承認コードを入力',
  codeIntro: '承認者に届いたメールの 8 桁のコードを入力してください（電話で読み上げてもらっても構いません）。メールで送った内容だけを承認します。内容が変わるとコードは使えなくなります。',
  pendingFor: '%{name} さん（%{address}）に %{sent} に送信、有効期限 %{until}',
  codeFor: 'コードを送った承認者',
  code: '承認コード',
  enter: 'コードで承認する',
  howPin: '%{name} さんが、この席で PIN を入力して承認しました。',
  howMail: '%{address} にメールで送った 1 回限りのコードで承認されました。',
  addressesTitle: '承認用アドレス',
  addressesIntro: '承認コードを受け取る、承認者本人のメールアドレスです。このメールボックスを読める人はその承認者として承認できるため、登録や変更には 2 人の PIN が必要で、記録に残ります。',
  addressesNone: '承認用アドレスはまだ登録されていません。',
  addressUser: '利用者',
  address: '承認用アドレス',
  addressSave: '承認用アドレスを保存',
  addressRemove: '削除',
  addressSetBy: '登録: %{by}',
};
