/**
 * The points calls (积分, docs: GET /api/v1/me/points, GET /api/v1/points, POST
 * /api/v1/points/transfers): a worker's own balance and history, the officers' overview (the
 * conservation law and the pools), and the transfers officers order (award, fund, reversal).
 */

import * as accountsApi from '../accounts/api';
import { request } from '../shell/api';
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
