// The follow-up's name: the original's name and the word once, never the button's sentence,
// and no second suffix for a follow-up of a follow-up.
import { describe, expect, it } from 'vitest';
import { followUpName } from '../../renderer/src/screens/history/follow-up-name';

describe('followUpName', () => {
  it('adds the word once', () => {
    expect(followUpName('定期総会のお知らせ', 'フォローアップ')).toBe('定期総会のお知らせ — フォローアップ');
  });
  it('does not double it for a follow-up of a follow-up', () => {
    expect(followUpName('定期総会のお知らせ — フォローアップ', 'フォローアップ')).toBe('定期総会のお知らせ — フォローアップ');
  });
  it('stays within the 200 characters a name may have', () => {
    expect(followUpName('あ'.repeat(300), 'follow-up').length).toBe(200);
  });
});
