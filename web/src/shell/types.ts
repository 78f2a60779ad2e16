/** Shapes of the youhao JSON API (/api/v1). */

export type Role =
  | 'worker'
  | 'guard'
  | 'property_manager'
  | 'station_keeper'
  | 'merchant'
  | 'sponsor'
  | 'union_staff'
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
  /** GET /workers lists also give the plate, whether a photo exists and when they registered. */
  plate?: string;
  has_photo?: boolean;
  registered_at?: number;
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
  /** What the entity is called now; null when it has no name or is gone. */
  entity_name?: string | null;
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

// ---------------------------------------------------------------------------------------------
// Registration, entry passes and gates (docs/passes.md)

export interface RegisterOptions {
  platforms: Array<{ index: number; name: string }>;
  kinds: Array<{ code: string; label_zh: string }>;
  depots: Array<{ id: number; name: string; platform: string | number }>;
}

export interface RegisterRequest {
  phone: string;
  password: string;
  name: string;
  kind: string;
  /** The platform's name as in /register/options (e.g. 美团). */
  platform: string;
  depot_id: number;
  /** The community the rider works in (GET /register/communities); left out: the depot's suggestion. */
  community_code?: string;
  plate: string;
  convention_accepted: true;
  /** The six-digit code sent to the phone (POST /register/code). */
  code: string;
}

/** POST /api/v1/register/code: the same answer whether or not the phone is registered. */
export interface CodeSent {
  sent: true;
  expires_in: number;
  resend_in: number;
  /** Only on a demo server, which has no SMS gateway. */
  demo_code?: string;
}

export interface MyWorker {
  worker: {
    id: number;
    name: string;
    kind: string;
    platform: string;
    depot: string;
    phone_masked: string;
    plate: string;
    status: WorkerStatus | string;
    convention_signed_at: number | null;
    has_photo: boolean;
  };
  pass: null | { pass_id: number; expires_at: number; key_id: number };
  /** Who verifies the rider, the usual wait, a contact and the latest decision. */
  verification?: VerificationOutlook;
}

/** A community a registering rider may choose (GET /api/v1/register/communities). */
export interface CommunityChoice {
  code: string;
  name: string;
  street_name: string;
  distance_m: number | null;
  suggested: boolean;
}

export interface VerificationOutlook {
  verifier: { area_code: string; area_name: string; area_level: string; role: 'community_officer' | 'officer' | string };
  /** median_hours null: too few recent verifications to say. */
  wait: { median_hours: number | null; samples: number };
  contact: null | { name: string; phone: string | null; address: string; kind: string };
  decision: null | { from: string; to: string; reason: string; at: number };
}

export interface StatusHistoryItem {
  at: number;
  from: string | null;
  to: string;
  reason: string;
  actor_login: string;
}

export interface RosterResult {
  rows: number;
  verified: number;
  already_verified: number;
  unmatched: Array<{ line: number; phone_masked: string; reason: string }>;
}

export interface VerifyResponse {
  allowed: boolean;
  code: string;
  reason: string;
  worker: null | { id: number; name: string; platform: string; kind: string; status: string; photo_url?: string | null };
  drop_off_points: null | Array<{ name: string; description?: string | null }>;
  flag?: string | null;
  event_id?: number | string | null;
}

export interface InsideResponse {
  items: Array<{ worker_id: number; name: string; platform: string; since: number; minutes: number; overstay: boolean }>;
  max_stay_minutes: number;
}

/** A row of GET /api/v1/gate/events (fields beyond these are ignored). */
export interface GateEventRow {
  id?: number | string;
  at: number;
  worker_id: number | null;
  name?: string | null;
  worker_name?: string | null;
  platform?: string | null;
  gate_id?: number | null;
  gate?: number | string | null;
  gate_name?: string | null;
  /** Set by the server for suspicious scans (e.g. "impossible_travel 12.3km 300s"). */
  flag?: string | null;
  direction: 'in' | 'out' | string;
  allowed: boolean;
  code: string;
  source?: string | null;
  /** Whether the server verified the scanned code ("verified") or holds only the gate's claim. */
  evidence?: 'verified' | 'unverified' | string;
  /** Why an event is unverified: "no_code", "pass_bad_signature", "worker_mismatch", … */
  evidence_reason?: string | null;
  offline?: boolean;
  client_event_id?: string | null;
}

export interface PlanHistoryItem {
  version: number;
  at: number;
  actor_login: string;
  plan: import('../passes/sync').AccessPlan;
}

export interface WhitelistEntry {
  worker_id: number;
  name?: string | null;
  platform?: string | null;
  added_at?: number | null;
}

export interface Friendliness {
  /** The damped average; null while fewer than min_ratings riders rated. */
  score: number | null;
  enough_ratings?: boolean;
  min_ratings?: number;
  ratings: number;
  unfair_reports: number;
  comments: Array<{ at: number; rating: number; unfair: boolean; comment: string }>;
}
