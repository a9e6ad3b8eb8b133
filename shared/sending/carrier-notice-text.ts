// The ready Japanese notice for members on carrier phones: please allow mail from our domain.
// Carrier phones often refuse mail sent from a PC, or from a domain the member has not allowed
// (docomo, au and SoftBank all call the setting 受信リスト / 受信許可リスト). Plain text, no
// placeholders, so it renders for any list; the office can edit it before asking for approval.

export interface CarrierNoticeText {
  readonly name: string;
  readonly subject: string;
  readonly body: string;
}

/** `from`: the account's address; its domain is what members allow. */
export function carrierNoticeText(from: { readonly address: string; readonly name: string }): CarrierNoticeText {
  const domain = from.address.slice(from.address.lastIndexOf('@') + 1);
  const sender = from.name.trim() || from.address;
  return {
    name: `携帯電話の会員へ 受信許可のお願い（${domain}）`,
    subject: `【${sender}】メール受信設定のお願い`,
    body: [
      `${sender}です。いつもありがとうございます。`,
      '',
      // One line per paragraph: phones wrap it to their own width.
      '携帯電話のメール（ドコモ・au・ソフトバンクなど）は、パソコンから送られたメールや、登録していない相手からのメールを受け取らない設定になっていることがあります。',
      'これからのお知らせを確実にお届けするため、次のドメインからのメールを受け取る設定（受信リスト・受信許可リストへの登録）をお願いいたします。',
      '',
      `  受け取りを許可するドメイン: ${domain}`,
      `  送信元のアドレス: ${from.address}`,
      '',
      '設定の場所（各社の案内もご覧ください）',
      '  ドコモ: My docomo →「メール設定」→「受信リスト設定」',
      '  au: au Style / My au →「迷惑メールフィルター」→「受信リスト設定」',
      '  ソフトバンク / ワイモバイル: My SoftBank / My Y!mobile →「迷惑メール対策」→「受信許可リスト」',
      '',
      'このメールが届いたかたも、今後のお知らせが迷惑メールに振り分けられないよう、念のためご登録をお願いいたします。',
      '',
      sender,
      '',
    ].join('\n'),
  };
}
