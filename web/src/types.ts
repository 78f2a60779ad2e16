/** Shapes of the youhao JSON API (/api/v1). */

export type Role =
  | 'worker'
  | 'guard'
  | 'property_manager'
  | 'station_keeper'
  | 'merchant'
  | 'sponsor'
  | 'grid_officer'
  | 'community_officer'
  | 'street_officer'
  | 'district_officer'
  | 'city_officer'
  | 'admin';

export type Level = 'city' | 'district' | 'street' | 'community' | 'compound';

export interface Area {
  code: string;
  name_zh: string;
  name_en: string;
  level: Level;
  parent_code?: string | null;
  compound_count?: number;
  lat?: number | null;
  lon?: number | null;
}

export interface Account {
  id: number;
  login: string;
  display_name: string;
  role: Role;
  role_label_zh: string;
  area: Area;
}

export interface MeResponse {
  account: Account;
  csrf_token: string;
}

export interface LoginResponse extends MeResponse {
  token: string;
  expires_at: number;
}

export interface Stats {
  communities: number;
  compounds: number;
  workers: number;
  verified_workers: number;
  depots: number;
  accounts: number;
  places: number;
}

export type WorkerKind = 'food' | 'parcel' | 'ride' | 'truck';
export type WorkerStatus = 'pending' | 'verified' | 'suspended' | 'revoked';

export interface WorkerSelf {
  name: string;
  kind: WorkerKind | string;
  platform: string;
  depot: string;
  phone_masked: string;
  status: WorkerStatus | string;
}

export interface WorkerSummary extends WorkerSelf {
  id: number;
}

export interface CompoundInfo {
  code: string;
  name_zh: string;
  name_en?: string;
  address?: string;
  lat?: number | null;
  lon?: number | null;
}

export interface HomeResponse {
  account: Account;
  stats: Partial<Stats>;
  worker: WorkerSelf | null;
  compound: CompoundInfo | null;
}

export interface AreaResponse {
  area: Area;
  ancestors: Area[];
  children: Area[];
}

export interface CompoundSummary {
  code: string;
  name_zh: string;
  community_code: string;
  community_name: string;
  street_name: string;
  lat: number | null;
  lon: number | null;
  source: 'osm' | 'generated' | string;
}

export interface Page<T> {
  items: T[];
  total: number;
}

export interface AuditEntry {
  id: number;
  at: number;
  actor_login: string;
  action: string;
  entity: string;
  entity_id: string | number;
  area_code?: string | null;
  before?: unknown;
  after?: unknown;
}

/** RFC 9457 problem document as the server sends it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
}
