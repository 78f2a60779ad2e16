/** Shared fixtures for the pass unit tests (not bundled: only *.test.ts import it). */

import * as ed from '@noble/ed25519';
import { base64UrlEncode } from './bytes';
import { buildPayload, newDeviceKey, signCredential, windowOf } from './credential';
import type { GateData } from './sync';

export const NOW = 1_800_000_015; // a window boundary + 15 s
export const issuer = ed.keygen(new Uint8Array(32).fill(7));
export const device = newDeviceKey();

export function credential(overrides: Partial<Parameters<typeof signCredential>[0]> = {}, secret = issuer.secretKey): Uint8Array {
  return signCredential(
    {
      keyId: 3,
      passId: 501,
      workerId: 77,
      issuedAt: NOW - 3600,
      expiresAt: NOW + 86_400,
      devicePublicKey: device.publicKey,
      platformIndex: 0,
      kindIndex: 0,
      name: '王小骑',
      ...overrides,
    },
    secret,
  );
}

export function payload(opts: { cred?: Uint8Array; passId?: number; window?: number; deviceSecret?: Uint8Array } = {}): string {
  return buildPayload(opts.cred ?? credential(), opts.passId ?? 501, opts.window ?? windowOf(NOW), opts.deviceSecret ?? device.secretKey);
}

export function gateData(overrides: Partial<GateData> = {}): GateData {
  return {
    compound: { code: '110108011001001', name_zh: '华清嘉园小区' },
    cursor: 10,
    server_time: NOW,
    synced_at: NOW,
    skew: 0,
    keys: [{ key_id: 3, public_key: base64UrlEncode(issuer.publicKey), not_after: null }],
    revoked_passes: [],
    revoked_workers: [],
    worker_status: {},
    plan: {
      mode: 'pass',
      opening_hours: 'Mo-Su 06:00-23:00',
      max_stay_minutes: 30,
      green_lane_gates: [],
      drop_off_points: [{ name: '东门快递柜', description: '东门岗亭南侧' }],
      survey: { workers_can_enter: true, barrier_reason: null, note: '' },
      agreement: { meeting_date: '', parties: '', decision: '' },
      version: 1,
    },
    gates: [
      { id: 1, name: '东门', kind: 'pedestrian', workers_allowed: true, green_lane: false },
      { id: 2, name: '地库入口', kind: 'garage', workers_allowed: true, green_lane: true },
      { id: 3, name: '西门', kind: 'vehicle', workers_allowed: false, green_lane: false },
    ],
    whitelist: [],
    open_intervals: [[NOW - 3600, NOW + 3600]],
    ...overrides,
  };
}

/** A localStorage stand-in for the offline queues (gate events, door scans). */
export class MemoryStore {
  data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}
