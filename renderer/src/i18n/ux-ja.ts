// 「どの画面も次にすることが分かる」ための日本語の文言（進み具合、次の手順、始め方、ヘルプへのリンク）。
import type { Messages } from './messages';

export const uxJa: Messages['ux'] = {
  tryProgress: '練習の準備をしています。サンプル名簿の取り込み、お知らせと練習用送信箱の用意（数秒かかります）…',
  steps: '手順',
  followUpName: 'フォローアップ',
  help: '使い方',
  close: '閉じる',
  helpTitle: 'Tayori の使い方ガイドを開く',
  helpSection: '直し方（使い方ガイド）',
  composeStartTitle: '始め方',
  composeStart1: 'お知らせは上に表示された名簿の会員に送られます。別の名簿に送るときは、先に「会員名簿」の画面で名簿を選んでください。',
  composeStart2: '下の欄に件名と本文を書きます。項目名（氏名など）を押すと、会員ごとの値が入る差し込み欄が入ります。',
  composeStart3: '右のプレビューに、一人の会員に届くメールがそのまま表示されます。書けたら「チェックとプレビュー」に進みます。',
  sendNames: 'お知らせ: %{name}',
  nextTitle: '次にすること',
  nextWho: '誰に届いたかを見る: 下の絞り込み（送信済み・失敗・不明）を使います。',
  nextBounces: '届かなかったメールは、数時間のうちに送信元のメールボックスに戻ってくることがあります。「履歴」で確認します。',
  nextFollowUp: '一部の人にもう一度送るとき（送信に失敗した人など）は、「履歴」からフォローアップを作ります。',
  nextNotReceived: '「メールが届いていない」と言われたら: 使い方ガイドを見る',
  groupMore: '該当する人を表示（%{count} 人）',
  groupLess: '一覧を閉じる',
  groupFirst: '全 %{count} 人のうち、最初の %{shown} 人を表示しています。ほかの人は会員名簿の検索で探せます。',
  groupCounts: '%{rows} 行・%{addresses} 件のアドレス',
  pinTooShort: 'PIN は 4〜8 桁の数字、または 8 文字以上の合言葉です。',
};
