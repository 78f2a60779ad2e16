/**
 * The points calls (积分, docs: GET /api/v1/me/points, GET /api/v1/points, POST
 * /api/v1/points/transfers): a worker's own balance and history, the officers' overview (the
 * conservation law and the pools), and the transfers officers order (award, fund, reversal).
 * Offers at friendly places and their redemptions: a place's offers (GET, POST
 * /places/{id}/offers, PUT /offers/{id}), redeem one (POST /offers/{id}/redeem), a fresh code,
 * cancel, the worker's redemptions (GET /me/redemptions), the merchant's confirmation by code
 * (POST /redemptions/confirm) and the place's monthly statement (GET /places/{id}/statement).
 */

import * as accountsApi from '../accounts/api';
import { buildUrl, request } from '../shell/api';
import type { AuditEntry, Page, WorkerSummary } from '../shell/types';

export type AccountKind = 'issuer' | 'pool' | 'worker' | 'merchant' | 'sink' | 'hold';
export type TransferKind = 'fund' | 'award' | 'spend' | 'expire' | 'reversal' | 'hold' | 'release';

/** One line of a worker's history, from the worker's side: delta is + in, − out. */
export interface HistoryLine {
  id: number;
  /** Unix seconds. */
  at: number;
  delta: number;
  kind: TransferKind | string;
  reason: string;
  counterparty: string;
  counterparty_kind: AccountKind | string;
  reverses?: number | null;
}

export interface MyPoints {
  balance: number;
  /** Everything ever received. */
  earned: number;
  /** Points expiring within 30 days, oldest first, and the Beijing date ("YYYY-MM-DD") they expire before; null or absent when none. */
  expiring?: { points: number; before: string } | null;
  history: HistoryLine[];
}

export interface Conservation {
  issued: number;
  pools: number;
  workers: number;
  spent: number;
  expired: number;
  /** Points held for redemptions a merchant has not confirmed yet (still the riders'); absent on older servers. */
  held?: number;
  holds: boolean;
}

export interface LedgerAccount {
  id: number;
  kind: AccountKind | string;
  owner: string;
  name: string;
  balance: number;
}

export interface Overview {
  conservation: Conservation;
  /** Accounts whose balance differs from the sum of their transfers (0 in a sound ledger). */
  balances_off: number;
  pools: LedgerAccount[];
}

export interface Transfer {
  id: number;
  kind: TransferKind | string;
  source_id: number;
  target_id: number;
  amount: number;
  reason: string;
  client_id: string;
  reverses: number | null;
  at: number;
}

export interface TransferAnswer {
  transfer: Transfer;
  /** True when the server had this client id already: nothing moved this time. */
  replayed: boolean;
}

export type TransferOrder =
  | { kind: 'award'; amount: number; client_id: string; reason: string; worker_id: number; pool_id?: number }
  | { kind: 'fund'; amount: number; client_id: string; reason: string; pool_id: number }
  | { kind: 'reversal'; client_id: string; reason: string; transfer_id: number };

export function myPoints(signal?: AbortSignal, limit = 100): Promise<MyPoints> {
  return request<MyPoints>('GET', '/api/v1/me/points', { query: { limit }, signal });
}

export function overview(signal?: AbortSignal): Promise<Overview> {
  return request<Overview>('GET', '/api/v1/points', { signal });
}

export function order(body: TransferOrder): Promise<TransferAnswer> {
  return request<TransferAnswer>('POST', '/api/v1/points/transfers', { body });
}

/** Riders of the caller's area whose name contains `q` (GET /api/v1/workers?q=, phones masked). */
export function findWorkers(q: string, signal?: AbortSignal): Promise<Page<WorkerSummary>> {
  return accountsApi.workers({ q, limit: 8 }, signal);
}

/** The latest audit entries of the caller's area (the points transfers are among them). */
export function recentAudit(signal?: AbortSignal): Promise<{ items: AuditEntry[] }> {
  return accountsApi.audit(500, signal);
}

// ---- offers and redemptions at friendly places

export interface Offer {
  id: number;
  place_id: number;
  place_name: string;
  title: string;
  description: string;
  /** Points. */
  price: number;
  /** Left in stock; null: unlimited. */
  stock: number | null;
  /** Unix seconds. */
  valid_from: number;
  /** Unix seconds, the first second it is no longer valid; null: open-ended. */
  valid_until: number | null;
  /** False: paused by its keeper or merchant. */
  active: boolean;
  /** Whether it can be redeemed now (active, valid, in stock, the place approved). */
  available: boolean;
}

export interface PlaceOffers {
  place: { id: number; name: string };
  offers: Offer[];
}

/** The body of POST /places/{id}/offers and PUT /offers/{id} (a PUT rewrites the whole offer). */
export interface OfferInput {
  title: string;
  description?: string;
  price: number;
  stock?: number | null;
  valid_from?: number | null;
  valid_until?: number | null;
  active?: boolean;
}

export type RedemptionStatus = 'held' | 'confirmed' | 'released' | 'expired';

export interface Redemption {
  id: number;
  offer_id: number;
  place_id: number;
  place_name: string;
  /** The offer's title when it was redeemed. */
  title: string;
  price: number;
  status: RedemptionStatus | string;
  created_at: number;
  code_expires_at: number;
  /** When the hold times out (the points go back). */
  expires_at: number;
  settled_at: number | null;
}

/** A redemption with the code its phone shows (null once it is settled). */
export interface IssuedRedemption {
  redemption: Redemption;
  code: string | null;
  code_expires_at: number;
  expires_at: number;
  /** The same client id again: the same redemption, nothing held twice. */
  replayed: boolean;
}

export interface StatementLine {
  redemption_id: number;
  confirmed_at: number;
  title: string;
  points: number;
  /** The login of who confirmed it. */
  confirmed_by: string;
}

export interface Statement {
  place: { id: number; name: string };
  month: string;
  lines: StatementLine[];
  total: number;
}

/** A place's offers: the live ones, or every one for its keeper or merchant. */
export function placeOffers(placeId: number, signal?: AbortSignal): Promise<PlaceOffers> {
  return request<PlaceOffers>('GET', `/api/v1/places/${placeId}/offers`, { signal, quiet401: true, timeoutMs: 15_000 });
}

export function createOffer(placeId: number, body: OfferInput): Promise<Offer> {
  return request<Offer>('POST', `/api/v1/places/${placeId}/offers`, { body });
}

export function updateOffer(offerId: number, body: OfferInput): Promise<Offer> {
  return request<Offer>('PUT', `/api/v1/offers/${offerId}`, { body });
}

/** Holds the offer's price and makes a code; the same client id again gives the same redemption. */
export function redeem(offerId: number, clientId: string): Promise<IssuedRedemption> {
  return request<IssuedRedemption>('POST', `/api/v1/offers/${offerId}/redeem`, { body: { client_id: clientId }, timeoutMs: 15_000 });
}

export function myRedemptions(signal?: AbortSignal, limit = 20): Promise<{ items: Redemption[] }> {
  return request<{ items: Redemption[] }>('GET', '/api/v1/me/redemptions', { query: { limit }, signal, timeoutMs: 15_000 });
}

/** A fresh code for the caller's own held redemption (the earlier one stops working). */
export function freshCode(redemptionId: number): Promise<IssuedRedemption> {
  return request<IssuedRedemption>('POST', `/api/v1/redemptions/${redemptionId}/code`, { timeoutMs: 15_000 });
}

export function cancelRedemption(redemptionId: number): Promise<{ redemption: Redemption }> {
  return request<{ redemption: Redemption }>('POST', `/api/v1/redemptions/${redemptionId}/cancel`, { timeoutMs: 15_000 });
}

/** The keeper or merchant confirms the redemption whose code the worker shows. */
export function confirmCode(code: string): Promise<{ redemption: Redemption }> {
  return request<{ redemption: Redemption }>('POST', '/api/v1/redemptions/confirm', { body: { code }, timeoutMs: 15_000 });
}

/** The month's statement (YYYY-MM, Beijing time) as JSON. */
export function statement(placeId: number, month: string, signal?: AbortSignal): Promise<Statement> {
  return request<Statement>('GET', `/api/v1/places/${placeId}/statement`, { query: { month, format: 'json' }, signal });
}

/** Where the month's statement downloads as CSV (a link: the session cookie goes along). */
export function statementCsvUrl(placeId: number, month: string): string {
  return buildUrl(`/api/v1/places/${placeId}/statement`, { month, format: 'csv' });
}
