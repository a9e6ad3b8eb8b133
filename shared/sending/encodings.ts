// How a notice's text is written in the message: UTF-8 (every character, every modern phone and
// client) or ISO-2022-JP (JIS), which older Japanese phones and clients read best but which has
// no ①, ㈱, 髙, emoji or half-width kana. Chosen per notice; the approval covers the choice.
export const MESSAGE_ENCODINGS = ['utf-8', 'iso-2022-jp'] as const;
export type MessageEncoding = (typeof MESSAGE_ENCODINGS)[number];
