// 送信の上限・所要時間の見込み・携帯電話の会員・ISO-2022-JP の文言（issue 12）。キーは limits-en.ts と同じ。
import type { limitsEn } from './limits-en';

type Strings<T> = { readonly [K in keyof T]: string };

export const limitsJa: Strings<typeof limitsEn> = {
  estimateTitle: '送信にかかる時間',
  perMinute: '1分あたり%{limit}通なので、%{count}人への送信にかかる時間は%{duration}です。',
  perHour: '1時間あたり%{limit}通なので、%{count}人への送信にかかる時間は%{duration}です。',
  perDay: '1日%{limit}通までのため、送信が終わるのは%{when}%{time}ごろです。',
  quiet: '送信しない時間帯（%{quiet}）があるため、送信が終わるのは%{when}%{time}ごろです。',
  unlimited: '%{count}人への送信にかかる時間は%{duration}です。',
  endsSameDay: '%{time}ごろに終わる見込みです。',
  quietCounted: '送信しない時間帯（%{quiet}）も数に入れています。',
  carrierPacing: '携帯電話の会社ごとに1分%{limit}通まで送り、その間もほかの会員へは送り続けます。',
  today: '今日の',
  tomorrow: '明日の',
  onDate: '%{date}の',
  minutes_one: 'およそ%{count}分',
  minutes_other: 'およそ%{count}分',
  hours_one: 'およそ%{count}時間',
  hours_other: 'およそ%{count}時間',
  lessThanMinute: '1分足らず',
  nextAt: '次の送信は %{when}%{time}（%{reason}）。',
  reason_minute: '1分あたりの上限',
  reason_hour: '1時間あたりの上限',
  reason_day: 'メールアカウントの1日の上限',
  reason_quiet: '送信しない時間帯',
  expectedEnd: '終了見込み: %{when}%{time}ごろ。',
  waitingHint: 'Tayori を開いている間は自動で続きを送ります。一時停止・中止もできます。',
  carrierNotice: '受信許可のお願いを作る',
  carrierNoticeHint: 'この会員だけに宛てた下書きを作ります。先に確認・承認して送ってください。',
  encoding: '文字コード',
  encoding_utf8: 'UTF-8（おすすめ）',
  'encoding_iso-2022-jp': 'ISO-2022-JP（古い携帯電話向け）',
  encodingHint: 'ISO-2022-JP では ①・㈱・髙・絵文字・半角カナが書けません。確認画面に一覧が出ます。',
  perDayField: '1日あたり（上限）',
  carrierField: '携帯会社ごと 1分あたり',
};
