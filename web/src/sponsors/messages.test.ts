import { describe, expect, it } from 'vitest';
import { ApiError } from '../shell/api';
import { kindText, recipientText, refusalText, sponsorsDictionaries, statusText, tsp } from './messages';
import { RECIPIENT_KINDS } from './model';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('sponsors messages', () => {
  it('has English for every Chinese sentence, with the same placeholders', () => {
    const { zh, en } = sponsorsDictionaries;
    for (const [key, text] of Object.entries(zh)) {
      const english = (en as Record<string, string>)[key];
      if (key !== 'unit.count') expect(english, key).toBeTruthy();
      expect(placeholders(english ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('words kinds, statuses and recipients (Chinese on a Chinese page), never a raw name for a known kind', () => {
    expect(kindText('alliance')).toBe('党建联盟');
    expect(statusText('pledged')).toBe('待确认');
    for (const kind of RECIPIENT_KINDS) expect(recipientText(kind)).not.toBe(kind);
    expect(tsp('drives.progress', { collected: '250', goal: '1,000' })).toBe('250 / 1,000 件');
  });

  it("shows the server's Chinese sentence, and the network note when offline", () => {
    const refused = new ApiError(409, { code: 'drive_not_enough', detail: '这个收集点只有 3 件，不能发出 5 件' });
    expect(refusalText(refused)).toBe('这个收集点只有 3 件，不能发出 5 件');
    expect(refusalText(new ApiError(0, { code: 'network', detail: 'x' }))).toBe('网络不通，请稍后再试。');
  });
});
