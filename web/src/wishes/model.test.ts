import { describe, expect, it } from 'vitest';
import type { Wish } from './api';
import { wishDictionaries, categoryText, statusText } from './messages';
import { actionsFor, beijingDate, CATEGORIES, filterOf, isReviewer, MAX_WISH_VALUE, toneOf, valueOf } from './model';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

const wish = (status: string, own = true, claim: Wish['claim'] = null): Wish => ({
  id: 1, title: '小冰箱', reason: '妹妹生病', category: 'appliance', value_yuan: 500, status, worker_kind: 'parcel',
  worker_kind_label: '快递员', community: '华清嘉园社区', created_at: 0, sponsor: null, private: own, claim,
});

describe('wish messages', () => {
  it('have the same keys and placeholders in Chinese and English, none empty', () => {
    const { zh, en } = wishDictionaries;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(zh[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it('word every status and category in Chinese', () => {
    for (const status of ['submitted', 'verified', 'rejected', 'claimed', 'fulfilled', 'confirmed', 'withdrawn']) expect(statusText(status)).not.toBe(status);
    for (const category of CATEGORIES) expect(categoryText(category)).not.toBe(category);
    expect(statusText('verified')).toBe('待认领');
    expect(categoryText('car')).toBe('car');
  });
});

describe('wish model', () => {
  it('reads the wall filter from the query, only the wall statuses', () => {
    expect(filterOf('')).toBe('');
    expect(filterOf('?status=claimed')).toBe('claimed');
    expect(filterOf('status=fulfilled')).toBe('fulfilled');
    expect(filterOf('?status=submitted')).toBe('');
    expect(filterOf('?status=<script>')).toBe('');
  });

  it('offers each role only the steps it may take', () => {
    expect(actionsFor(wish('verified', false), 'sponsor')).toEqual({ claim: true, withdraw: false, confirm: false, fulfil: false });
    expect(actionsFor(wish('claimed', false), 'sponsor').claim).toBe(false);
    expect(actionsFor(wish('verified'), 'worker')).toEqual({ claim: false, withdraw: true, confirm: false, fulfil: false });
    expect(actionsFor(wish('verified', false), 'worker').withdraw).toBe(false);
    expect(actionsFor(wish('claimed'), 'worker').withdraw).toBe(false);
    expect(actionsFor(wish('fulfilled'), 'worker').confirm).toBe(true);
    expect(actionsFor(wish('fulfilled'), 'sponsor').confirm).toBe(false);
    const active = { id: 1, sponsor_id: 1, sponsor: '联盟', status: 'active', claimed_at: 0, due_at: 1, fulfilled_at: null, note: '', photo: null, thumbnail: null, confirmed_at: null, thanks: '' };
    expect(actionsFor(wish('claimed', true, active), 'sponsor').fulfil).toBe(true);
    expect(actionsFor(wish('claimed', false, active), 'sponsor').fulfil).toBe(false);
    expect(actionsFor(wish('verified'), 'community_officer')).toEqual({ claim: false, withdraw: false, confirm: false, fulfil: false });
  });

  it('checks the value against the cap', () => {
    expect(valueOf('500')).toBe(MAX_WISH_VALUE);
    expect(valueOf(' 80 ')).toBe(80);
    expect(valueOf('501')).toBeNull();
    expect(valueOf('0')).toBeNull();
    expect(valueOf('-3')).toBeNull();
    expect(valueOf('1.5')).toBeNull();
    expect(valueOf('')).toBeNull();
  });

  it('tones, reviewers and dates', () => {
    expect(toneOf('confirmed')).toBe('ok');
    expect(toneOf('rejected')).toBe('bad');
    expect(toneOf('verified')).toBe('accent');
    expect(isReviewer('community_officer')).toBe(true);
    expect(isReviewer('grid_officer')).toBe(false);
    expect(isReviewer('sponsor')).toBe(false);
    expect(beijingDate(1_765_000_000)).toBe('2025-12-06');
  });
});
