import { describe, expect, it } from 'vitest';
import { AMENITIES, KINDS, TIERS } from './model';
import { placeDictionaries } from './messages';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('place messages', () => {
  it('have the same keys and placeholders in Chinese and English, none empty', () => {
    const { zh, en } = placeDictionaries;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('name every kind, amenity, tier and status in Chinese', () => {
    const zh = placeDictionaries.zh as Record<string, string>;
    for (const kind of KINDS) {
      expect(zh[`kind.${kind}`], kind).toBeTruthy();
      expect(zh[`kindShort.${kind}`], kind).toBeTruthy();
    }
    for (const amenity of AMENITIES) expect(zh[`amenity.${amenity}`], amenity).toBeTruthy();
    for (const tier of TIERS) expect(zh[`tier.${tier}`], tier).toBeTruthy();
    for (const status of ['pending', 'approved', 'rejected']) expect(zh[`status.${status}`], status).toBeTruthy();
    expect(zh['amenity.microwave']).toBe('微波炉');
    expect(zh['places.openNow']).toBe('现在营业');
    expect(zh['page.doorOpened']).toBe('门已打开');
    expect(zh['mine.merge']).toBe('合并到已有场所');
    expect(zh['mine.pendingChange']).toContain('待审核');
  });

  it('name what the checklist may say is missing', () => {
    const zh = placeDictionaries.zh as Record<string, string>;
    expect(zh['missing.24/7']).toBe('24小时营业');
  });
});
