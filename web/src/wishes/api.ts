/**
 * The micro-wish calls (微心愿, docs: GET/POST /api/v1/wishes, GET /api/v1/wishes/{id}, POST
 * /api/v1/wishes/{id}/verify|reject|withdraw|claim|fulfil|confirm, GET /api/v1/me/wishes).
 */

import { buildUrl, request } from '../shell/api';

export type WishStatus = 'submitted' | 'verified' | 'rejected' | 'claimed' | 'fulfilled' | 'confirmed' | 'withdrawn';
export type WishCategory = 'daily' | 'appliance' | 'study' | 'clothing' | 'health' | 'other';

export interface WishClaim {
  id: number;
  sponsor_id: number;
  sponsor: string;
  status: string;
  claimed_at: number;
  due_at: number;
  fulfilled_at: number | null;
  note: string;
  photo: string | null;
  thumbnail: string | null;
  confirmed_at: number | null;
  thanks: string;
}

/** A wish as the wall shows it; `private` ones carry the fields of its worker, staff and sponsor. */
export interface Wish {
  id: number;
  title: string;
  reason: string;
  category: WishCategory | string;
  value_yuan: number;
  status: WishStatus | string;
  worker_kind: string;
  worker_kind_label: string;
  community: string;
  created_at: number;
  sponsor: string | null;
  private: boolean;
  worker_id?: number;
  worker_name?: string;
  reject_reason?: string;
  claim?: WishClaim | null;
}

export interface WishPage {
  items: Wish[];
  next_before: number | null;
}

export interface NewWish {
  title: string;
  reason: string;
  category: string;
  value_yuan: number;
  worker_id?: number | null;
}

const path = (id: number, action?: string): string => `/api/v1/wishes/${id}${action ? `/${action}` : ''}`;

export const wall = (status: string, before?: number | null, signal?: AbortSignal): Promise<WishPage> =>
  request<WishPage>('GET', '/api/v1/wishes', { query: { status, before, limit: 20 }, signal });
export const mine = (signal?: AbortSignal): Promise<WishPage> => request<WishPage>('GET', '/api/v1/me/wishes', { query: { limit: 100 }, signal });
export const post = (wish: NewWish): Promise<Wish> => request<Wish>('POST', '/api/v1/wishes', { body: wish });
export const verify = (id: number): Promise<Wish> => request<Wish>('POST', path(id, 'verify'));
export const reject = (id: number, reason: string): Promise<Wish> => request<Wish>('POST', path(id, 'reject'), { body: { reason } });
export const withdraw = (id: number): Promise<Wish> => request<Wish>('POST', path(id, 'withdraw'));
export const claim = (id: number): Promise<Wish> => request<Wish>('POST', path(id, 'claim'));
export const confirm = (id: number, thanks: string): Promise<Wish> => request<Wish>('POST', path(id, 'confirm'), { body: { thanks } });
/** The photo is the body (rebuilt from its pixels by the server); the note goes in the query. */
export const fulfil = (id: number, note: string, photo: Blob): Promise<Wish> =>
  request<Wish>('POST', buildUrl(path(id, 'fulfil'), { note }), { raw: { body: photo, type: photo.type || 'image/jpeg' } });
