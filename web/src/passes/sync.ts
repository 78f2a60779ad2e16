/** The gate's offline data set: what GET /api/v1/gate/sync returns, merged over time. */

export type PlanMode = 'open' | 'pass' | 'whitelist' | 'drop_off' | 'green_lane';

export interface IssuerKey {
  key_id: number;
  public_key: string;
  not_after?: number | null;
}

export interface Gate {
  id: number;
  name: string;
  kind: 'pedestrian' | 'vehicle' | 'garage' | string;
  workers_allowed: boolean;
  green_lane: boolean;
}

export interface DropOffPoint {
  name: string;
  description?: string | null;
}

export interface Survey {
  workers_can_enter: boolean;
  barrier_reason: null | 'property_rules' | 'vehicle_free' | 'security' | 'residents_vote' | 'other';
  note: string;
}

export interface Agreement {
  meeting_date: string;
  parties: string;
  decision: string;
}

export interface AccessPlan {
  mode: PlanMode;
  opening_hours: string;
  /** The server's Chinese description of opening_hours (e.g. 周一至周五 07:00-22:00), when it sends one. */
  opening_hours_zh?: string;
  max_stay_minutes: number;
  green_lane_gates: number[];
  drop_off_points: DropOffPoint[];
  survey: Survey;
  agreement: Agreement;
  version?: number;
  updated_at?: number | null;
  updated_by?: string | null;
}

export interface Revocations {
  cursor: number | string;
  full: boolean;
  revoked_passes: number[];
  revoked_workers: number[];
  restored_workers: number[];
}

export interface SyncResponse {
  server_time: number;
  keys: IssuerKey[];
  revocations: Revocations;
  compound: { code: string; name_zh: string };
  plan: AccessPlan;
  gates: Gate[];
  whitelist: number[];
  open_intervals: Array<[number, number]>;
}

/** What the gate keeps (localStorage) between syncs. */
export interface GateData {
  compound: { code: string; name_zh: string };
  /** The revocations cursor to send as `since` next time. */
  cursor: number | string | null;
  server_time: number;
  /** Local clock (unix seconds) when the sync answered. */
  synced_at: number;
  /** server clock − local clock, seconds. */
  skew: number;
  keys: IssuerKey[];
  revoked_passes: number[];
  revoked_workers: number[];
  /** Statuses learned from online verifications (to tell suspended from revoked offline). */
  worker_status: Record<string, string>;
  plan: AccessPlan;
  gates: Gate[];
  whitelist: number[];
  open_intervals: Array<[number, number]>;
}

const unique = (values: number[]): number[] => [...new Set(values)].sort((a, b) => a - b);

/**
 * Merges a sync answer into what the gate knew. A full answer replaces the revocation lists;
 * an incremental one adds revoked passes and workers and removes restored workers.
 */
export function mergeSync(previous: GateData | null, response: SyncResponse, localNow: number): GateData {
  const rev = response.revocations;
  const sameCompound = previous !== null && previous.compound.code === response.compound.code;
  const full = rev.full || !sameCompound;
  const passes = full ? rev.revoked_passes : [...previous!.revoked_passes, ...rev.revoked_passes];
  const restored = new Set(rev.restored_workers ?? []);
  const workers = (full ? rev.revoked_workers : [...previous!.revoked_workers, ...rev.revoked_workers]).filter((id) => !restored.has(id) || rev.revoked_workers.includes(id));
  const status = { ...(sameCompound ? previous!.worker_status : {}) };
  for (const id of restored) if (!rev.revoked_workers.includes(id)) delete status[id];
  return {
    compound: response.compound,
    cursor: rev.cursor,
    server_time: response.server_time,
    synced_at: localNow,
    skew: response.server_time - localNow,
    keys: response.keys,
    revoked_passes: unique(passes),
    revoked_workers: unique(workers),
    worker_status: status,
    plan: response.plan,
    gates: response.gates,
    whitelist: unique(response.whitelist),
    open_intervals: response.open_intervals,
  };
}
