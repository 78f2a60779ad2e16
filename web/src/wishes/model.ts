/** Pure helpers of the micro-wish pages: the wall's filter chips, tones, what a caller may do. */

import type { Role } from '../shell/types';
import type { Wish } from './api';
import { beijingDate } from '../shell/beijing';

/** The cap the server enforces (wishes::kMaxWishValue). */
export const MAX_WISH_VALUE = 500;
/** Days a claim lasts (wishes::kClaimDays). */
export const CLAIM_DAYS = 14;

export const CATEGORIES = ['daily', 'appliance', 'study', 'clothing', 'health', 'other'] as const;

/** The wall's chips: '' is the whole wall. */
export const FILTERS = ['', 'verified', 'claimed', 'fulfilled', 'confirmed'] as const;
export type Filter = (typeof FILTERS)[number];

export function filterOf(search: string): Filter {
  const status = new URLSearchParams(search.replace(/^\?/, '')).get('status') ?? '';
  return (FILTERS as readonly string[]).includes(status) ? (status as Filter) : '';
}

export function toneOf(status: string): 'ok' | 'warn' | 'bad' | 'muted' | 'accent' {
  if (status === 'verified') return 'accent';
  if (status === 'claimed' || status === 'submitted' || status === 'fulfilled') return 'warn';
  if (status === 'confirmed') return 'ok';
  if (status === 'rejected') return 'bad';
  return 'muted';
}

const REVIEWERS: readonly Role[] = ['community_officer', 'street_officer', 'district_officer', 'city_officer', 'admin'];

export const isReviewer = (role: Role): boolean => REVIEWERS.includes(role);

/** What the caller may do with a wish from its own view of it. */
export function actionsFor(wish: Wish, role: Role): { claim: boolean; withdraw: boolean; confirm: boolean; fulfil: boolean } {
  return {
    claim: role === 'sponsor' && wish.status === 'verified',
    withdraw: role === 'worker' && wish.private && (wish.status === 'submitted' || wish.status === 'verified'),
    confirm: role === 'worker' && wish.private && wish.status === 'fulfilled',
    fulfil: role === 'sponsor' && wish.private && wish.status === 'claimed' && wish.claim?.status === 'active',
  };
}

/** A whole number of yuan from 1 to the cap, or null. */
export function valueOf(text: string): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const value = Number(text.trim());
  return value >= 1 && value <= MAX_WISH_VALUE ? value : null;
}

export { beijingDate };
