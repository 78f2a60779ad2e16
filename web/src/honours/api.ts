/**
 * The calls of honours campaigns: the list and a campaign (GET /api/v1/honours/campaigns[/{id}]),
 * create and advance (officers), nominate and review, vote (POST …/{id}/votes), results, and a
 * certificate's verify, PDF and revocation (/api/v1/honours/certificates/{serial}[/pdf|/revoke]), and the
 * worker's own nominations (GET /api/v1/me/honours).
 */

import { buildUrl, request } from '../shell/api';

export type CampaignKind = 'best_rider' | 'best_courier' | 'skills_champion' | 'grid_reporter';
export type Stage = 'nominating' | 'reviewing' | 'voting' | 'announced';

export interface Campaign {
  id: number;
  title: string;
  kind: CampaignKind;
  area_code: string;
  area_name: string;
  stage: Stage;
  nominating_until: number;
  reviewing_until: number;
  voting_until: number;
  winners: number;
  votes_per_person: number;
  prize_points: number;
  announced_at: number | null;
}

export interface Evidence {
  confirmed_reports?: number;
  points_earned?: number;
  service_days?: number;
  misconduct_records?: number;
  grid_months?: number;
}

export interface Nomination {
  id: number;
  campaign_id: number;
  name: string;
  nominee_kind: string;
  citation: string;
  evidence: Evidence;
  status: 'pending' | 'accepted' | 'rejected';
  nominated_at: number;
  nominated_by?: string;
  review_reason?: string;
  votes?: number;
  rank?: number;
  winner?: boolean;
  certificate_serial?: string | null;
  certificate_revoked?: boolean;
}

export interface CampaignView {
  campaign: Campaign;
  nominations: Nomination[];
  officer: boolean;
  my_votes: number[];
  votes_left: number | null;
}

export interface Results {
  campaign: Campaign;
  final: boolean;
  lines: Nomination[];
  flagged_votes?: number;
}

export interface Verification {
  serial: string;
  status: 'valid' | 'revoked' | 'unknown';
  name?: string;
  honour?: string;
  campaign?: Campaign;
  issued_at?: number;
  revoked_at?: number | null;
  revoke_reason?: string | null;
}

export interface CampaignInput {
  title: string;
  kind: CampaignKind;
  nominating_until: number;
  reviewing_until: number;
  voting_until: number;
  winners: number;
  votes_per_person: number;
  prize_points: number;
}

/** One of the caller's own nominations (我的荣誉): votes, rank and winner once announced. */
export interface MyHonour {
  nomination_id: number;
  campaign: Campaign;
  honour: string;
  name: string;
  citation: string;
  status: 'pending' | 'accepted' | 'rejected';
  nominated_at: number;
  votes: number | null;
  rank: number | null;
  winner: boolean;
  certificate: { serial: string; status: 'valid' | 'revoked'; issued_at: number; revoked_at: number | null } | null;
  prize_points: number;
}

const base = '/api/v1/honours';

export const campaigns = (signal?: AbortSignal) => request<{ items: Campaign[] }>('GET', `${base}/campaigns`, { signal });
export const campaign = (id: number, signal?: AbortSignal) => request<CampaignView>('GET', `${base}/campaigns/${id}`, { signal });
export const createCampaign = (input: CampaignInput) => request<Campaign>('POST', `${base}/campaigns`, { body: input });
export const advance = (id: number, to: Stage) => request<Campaign>('POST', `${base}/campaigns/${id}/advance`, { body: { to } });
export const nominations = (id: number, status: string, signal?: AbortSignal) =>
  request<{ items: Nomination[]; officer: boolean }>('GET', `${base}/campaigns/${id}/nominations`, { query: { status }, signal });
export const nominate = (id: number, body: { worker_id?: number; account_id?: number; citation: string }) =>
  request<Nomination>('POST', `${base}/campaigns/${id}/nominations`, { body });
export const review = (nominationId: number, accept: boolean, reason: string) =>
  request<Nomination>('POST', `${base}/nominations/${nominationId}/review`, { body: { accept, reason } });
export const vote = (id: number, nominationId: number) =>
  request<CampaignView>('POST', `${base}/campaigns/${id}/votes`, { body: { nomination_id: nominationId } });
export const results = (id: number, signal?: AbortSignal) => request<Results>('GET', `${base}/campaigns/${id}/results`, { signal });
export const verify = (serial: string, signal?: AbortSignal) =>
  request<Verification>('GET', `${base}/certificates/${encodeURIComponent(serial)}`, { signal });
export const revoke = (serial: string, reason: string) =>
  request<unknown>('POST', `${base}/certificates/${encodeURIComponent(serial)}/revoke`, { body: { reason } });
/** The PDF's address (the session cookie signs the download in). */
export const certificatePdfUrl = (serial: string): string => buildUrl(`${base}/certificates/${encodeURIComponent(serial)}/pdf`);
/** The caller's own nominations across campaigns, newest first (GET /api/v1/me/honours, workers). */
export const mine = (signal?: AbortSignal) => request<{ items: MyHonour[] }>('GET', '/api/v1/me/honours', { signal });
