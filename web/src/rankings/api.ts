/**
 * The calls of honours the other way: rate a place's hand-over (POST
 * /api/v1/places/{id}/handover-ratings), its summary for the merchant and officers (GET the same),
 * the monthly lists (GET /api/v1/rankings/merchants|compounds?month=&area=) and their publication
 * (POST /api/v1/rankings/{kind}/{month}/publish).
 */

import { request } from '../shell/api';

export type WaitBucket = 'under_5' | '5_10' | '10_20' | 'over_20';
export type RankingKind = 'merchants' | 'compounds';

export interface RatingInput {
  wait: WaitBucket;
  place_to_wait: boolean;
  respect: number;
  comment?: string;
}

export interface RatingSaved {
  id: number;
  /** The Beijing day, "YYYY-MM-DD". */
  day: string;
  replaced: boolean;
}

export interface RatingComment {
  day: string;
  wait: WaitBucket | string;
  place_to_wait: boolean;
  respect: number;
  comment: string;
}

export interface HandoverSummary {
  place: { id: number; name: string };
  month: string;
  ratings: number;
  raters: number;
  respect_mean: number;
  place_to_wait_share: number;
  waits: Record<WaitBucket, number>;
  score: number;
  comments: RatingComment[];
}

export interface RankingEntry {
  rank: number;
  key: string;
  place_id?: number;
  compound_code?: string;
  name: string;
  score: number;
  raters: number;
}

export interface RankingList {
  kind: RankingKind;
  month: string;
  area: { code: string; name: string };
  status: 'draft' | 'published';
  published_at: number | null;
  published_by: string | null;
  min_raters: number;
  area_mean: number;
  too_few_raters: number;
  entries: RankingEntry[];
}

export function rate(placeId: number, input: RatingInput, onStatus?: (status: number) => void): Promise<RatingSaved> {
  return request<RatingSaved>('POST', `/api/v1/places/${placeId}/handover-ratings`, { body: input, onStatus });
}

export function summary(placeId: number, signal?: AbortSignal, month?: string): Promise<HandoverSummary> {
  return request<HandoverSummary>('GET', `/api/v1/places/${placeId}/handover-ratings`, { query: { month }, signal });
}

export function ranking(kind: RankingKind, query: { month?: string; area?: string }, signal?: AbortSignal): Promise<RankingList> {
  return request<RankingList>('GET', `/api/v1/rankings/${kind}`, { query, signal, quiet401: true });
}

export function publish(kind: RankingKind, month: string, area: string): Promise<RankingList> {
  return request<RankingList>('POST', `/api/v1/rankings/${kind}/${encodeURIComponent(month)}/publish`, { body: { area } });
}
