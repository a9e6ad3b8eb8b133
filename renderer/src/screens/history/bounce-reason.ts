// A bounce's reason in plain words, chosen by its enhanced status (RFC 3463) or reply code, and
// for a bare "550" by the words the server used. The server's own words stay one click away.
import type { BouncedMemberDto } from '../../../../shared/contract';

type Reason = 'unknownUser' | 'noDomain' | 'disabled' | 'full' | 'rejected' | 'temporary' | 'permanent';

const UNKNOWN_WORDS = /user unknown|unknown user|no such user|not found|does not exist|no mailbox|存在しません|見つかりません|宛先不明/i;

export function bounceReason(b: Pick<BouncedMemberDto, 'kind' | 'statusCode' | 'diagnostic'>): Reason {
  const code = b.statusCode ?? '';
  if (/^[45]\.2\.2$/.test(code)) return 'full';
  if (b.kind === 'soft' || code.startsWith('4')) return 'temporary';
  if (/^5\.1\.(1|10|6)$/.test(code)) return 'unknownUser';
  if (/^5\.1\.2$/.test(code) || /^5\.4\.4$/.test(code)) return 'noDomain';
  if (/^5\.2\.1$/.test(code)) return 'disabled';
  if (/^5\.7\.\d+$/.test(code)) return 'rejected';
  if (UNKNOWN_WORDS.test(b.diagnostic ?? '')) return 'unknownUser';
  return 'permanent';
}
