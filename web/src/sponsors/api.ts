/**
 * The sponsor and drive calls (爱心单位 · 一本书的旅行, docs: GET/POST /api/v1/sponsors, GET
 * /api/v1/sponsors/{id}, POST /api/v1/sponsors/{id}/members|pledges, POST
 * /api/v1/sponsors/pledges/{id}/fund|decline, GET/POST /api/v1/drives, GET /api/v1/drives/{id},
 * POST /api/v1/drives/{id}/items).
 */

import { request } from '../shell/api';

export type SponsorKind = 'company' | 'alliance' | 'merchant' | 'other';
export type PledgeStatus = 'pledged' | 'funded' | 'declined';
export type RecipientKind = 'worker_child' | 'worker_family' | 'reading_corner' | 'other';

export interface Sponsor {
  id: number;
  name: string;
  kind: SponsorKind | string;
  area_code: string;
  area_name: string;
  intro: string;
  pool_account_id: number | null;
  pool_balance: number;
  created_at: number;
}

export interface Pledge {
  id: number;
  sponsor_id: number;
  sponsor_name: string;
  amount: number;
  note: string;
  status: PledgeStatus | string;
  pledged_by: string;
  pledged_at: number;
  decided_by: string | null;
  decided_at: number | null;
  transfer_id: number | null;
}

export interface SponsorList {
  items: Sponsor[];
  /** The sponsor the caller speaks for (role sponsor), or null. */
  mine: number | null;
  /** City officers and administrators: the pledges waiting for them. */
  open_pledges?: Pledge[];
}

export interface OfferServed {
  offer_id: number;
  title: string;
  place_name: string;
  count: number;
  points: number;
}

export interface SponsorPage {
  sponsor: Sponsor;
  funded: number;
  awards: { count: number; points: number };
  served: OfferServed[];
  meals_served: number;
  wishes_fulfilled: number;
  drives: Array<{ drive_id: number; title: string; items: number }>;
  /** Whether pledges and members are included (its members, officers of its area). */
  private: boolean;
  pledges?: Pledge[];
  members?: Array<{ account_id: number; login: string; display_name: string }>;
}

export interface Drive {
  id: number;
  title: string;
  story: string;
  area_code: string;
  area_name: string;
  collects: string;
  goal: number | null;
  starts_at: number;
  ends_at: number;
  running: boolean;
  collected: number;
  handed_out: number;
  organisations: number;
  progress: number;
}

export interface DropPoint {
  place_id: number;
  name: string;
  keeper_account_id: number | null;
  collected: number;
  handed_out: number;
  on_hand: number;
}

export interface DriveView {
  drive: Drive;
  drop_points: DropPoint[];
  organisations: Array<{ organisation: string; sponsor_id: number | null; count: number }>;
}

export interface ItemInput {
  place_id: number;
  direction: 'in' | 'out';
  organisation?: string;
  count: number;
  recipient_kind?: RecipientKind | '';
  note?: string;
}

export const sponsors = (signal?: AbortSignal): Promise<SponsorList> => request('GET', '/api/v1/sponsors', { signal });

export const sponsorPage = (id: number, signal?: AbortSignal): Promise<SponsorPage> => request('GET', `/api/v1/sponsors/${id}`, { signal });

export const pledge = (sponsorId: number, amount: number, note: string): Promise<Pledge> =>
  request('POST', `/api/v1/sponsors/${sponsorId}/pledges`, { body: { amount, note } });

export const decidePledge = (pledgeId: number, decision: 'fund' | 'decline'): Promise<Pledge> =>
  request('POST', `/api/v1/sponsors/pledges/${pledgeId}/${decision}`);

export const drives = (signal?: AbortSignal): Promise<{ items: Drive[] }> => request('GET', '/api/v1/drives', { signal });

export const drive = (id: number, signal?: AbortSignal): Promise<DriveView> => request('GET', `/api/v1/drives/${id}`, { signal });

export const logItems = (driveId: number, item: ItemInput): Promise<DriveView> => request('POST', `/api/v1/drives/${driveId}/items`, { body: item });

// ---- officers: new sponsors, their members, new drives (POST /api/v1/sponsors,
// POST /api/v1/sponsors/{id}/members, POST /api/v1/drives; accounts and stations of the area)

export interface SponsorInput {
  name: string;
  kind: SponsorKind;
  intro: string;
}

export interface DriveInput {
  title: string;
  story: string;
  collects: string;
  goal: number | null;
  starts_at: number;
  ends_at: number;
  drop_point_ids: number[];
}

/** An account of the caller's area as GET /api/v1/accounts lists it (the fields these pages use). */
export interface AreaAccount {
  id: number;
  login: string;
  display_name: string;
  role: string;
}

export interface Station {
  id: number;
  name: string;
}

export const createSponsor = (input: SponsorInput): Promise<Sponsor> => request('POST', '/api/v1/sponsors', { body: { ...input } });

export const addMember = (sponsorId: number, accountId: number): Promise<{ sponsor_id: number; member: { account_id: number; login: string; display_name: string } }> =>
  request('POST', `/api/v1/sponsors/${sponsorId}/members`, { body: { account_id: accountId } });

export const createDrive = (input: DriveInput): Promise<DriveView> => request('POST', '/api/v1/drives', { body: { ...input } });

const PAGE = 200;
const MAX_PAGES = 5;

/** The accounts of the caller's area (the API cannot filter by role: up to 1,000 are read, 200 at a time). */
export async function areaAccounts(signal?: AbortSignal): Promise<AreaAccount[]> {
  const all: AreaAccount[] = [];
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await request<{ items: AreaAccount[]; total: number }>('GET', '/api/v1/accounts', { query: { limit: PAGE, offset: page * PAGE }, signal });
    all.push(...answer.items);
    if (answer.items.length < PAGE || all.length >= answer.total) break;
  }
  return all;
}

/** The approved stations of the caller's area: a drive's drop points are chosen from them. */
export async function areaStations(signal?: AbortSignal): Promise<Station[]> {
  const answer = await request<{ places: Station[]; total: number }>('GET', '/api/v1/places', { query: { kind: 'station', status: 'approved', limit: PAGE }, signal });
  return answer.places.map((place) => ({ id: place.id, name: place.name }));
}
