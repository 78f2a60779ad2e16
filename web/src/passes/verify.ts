/**
 * Offline verification at the gate: the same checks and codes as POST /api/v1/gate/verify,
 * from the data the gate synced earlier (issuer public keys, revocations, plan, gates, whitelist).
 */

import { decodeKeyBytes } from './bytes';
import {
  kindCode,
  parsePayloadText,
  platformName,
  verifyDeviceSignature,
  verifyIssuerSignature,
  windowOf,
  type Payload,
} from './credential';
import { reasonFor, type PassCode } from './reasons';
import type { DropOffPoint, GateData } from './sync';

export type Direction = 'in' | 'out';

export interface VerifyContext {
  data: GateData;
  gateId: number;
  direction: Direction;
  /** The gate's estimate of the server clock (unix seconds). */
  now: number;
  lang?: 'zh' | 'en';
}

export interface VerifiedWorker {
  id: number;
  name: string;
  platform: string;
  kind: string;
}

export interface VerifyResult {
  allowed: boolean;
  code: PassCode;
  reason: string;
  worker: VerifiedWorker | null;
  pass_id: number | null;
  window: number | null;
  drop_off_points: DropOffPoint[] | null;
}

function inIntervals(intervals: Array<[number, number]>, now: number): boolean {
  return intervals.some(([start, end]) => now >= start && now < end);
}

/** The verdict for a scanned text. Pure: same inputs, same answer. */
export function verifyOffline(text: string, ctx: VerifyContext): VerifyResult {
  const { data, lang = 'zh' } = ctx;
  const plan = data.plan;
  let payload: Payload | null = null;
  const result = (code: PassCode, extra: Partial<VerifyResult> = {}): VerifyResult => {
    // The green lanes in the order the plan lists them, as the server names them.
    const greenNames = plan.green_lane_gates.map((id) => data.gates.find((g) => g.id === id)?.name).filter((n): n is string => !!n);
    const c = payload?.credential;
    return {
      allowed: code === 'pass_ok',
      code,
      reason: reasonFor(code, { openingHours: (lang === 'zh' && plan.opening_hours_zh) || plan.opening_hours, dropOffPoints: plan.drop_off_points, greenLaneGates: greenNames }, lang),
      worker: c ? { id: c.workerId, name: c.name, platform: platformName(c.platformIndex), kind: kindCode(c.kindIndex) } : null,
      pass_id: c?.passId ?? null,
      window: payload?.window ?? null,
      drop_off_points: code === 'drop_off_only' ? plan.drop_off_points : null,
      ...extra,
    };
  };

  try {
    payload = parsePayloadText(text);
  } catch {
    return result('pass_malformed');
  }
  const credential = payload.credential;

  const key = data.keys.find((k) => k.key_id === credential.keyId);
  // A retired key verifies until its not_after (the last pass it signed expires then).
  if (!key || (key.not_after && ctx.now > key.not_after)) return result('pass_unknown_key');
  let issuerKey: Uint8Array;
  try {
    issuerKey = decodeKeyBytes(key.public_key);
  } catch {
    return result('pass_unknown_key');
  }
  if (!verifyIssuerSignature(credential, issuerKey)) return result('pass_bad_signature');
  if (ctx.now >= credential.expiresAt) return result('pass_expired');
  if (Math.abs(payload.window - windowOf(ctx.now)) > 1) return result('pass_stale');
  if (!verifyDeviceSignature(payload)) return result('pass_bad_device_signature');
  if (data.revoked_passes.includes(credential.passId)) return result('pass_revoked');
  const known = data.worker_status[String(credential.workerId)];
  if (data.revoked_workers.includes(credential.workerId)) return result(known === 'suspended' ? 'worker_suspended' : 'worker_revoked');
  if (known === 'suspended') return result('worker_suspended');
  if (known === 'revoked') return result('worker_revoked');
  if (known === 'pending') return result('worker_not_verified');

  const gate = data.gates.find((g) => g.id === ctx.gateId);
  if (!gate) return result('gate_not_found');
  // Leaving is never refused for plan reasons: the rules say who may come in.
  if (ctx.direction === 'out') return result('pass_ok');

  // The gate must let riders through, and in green-lane mode be one of the green lanes.
  const gateAllowed = gate.workers_allowed && (plan.mode !== 'green_lane' || plan.green_lane_gates.includes(gate.id));
  if (plan.mode === 'drop_off') return result('drop_off_only');
  if (plan.mode === 'whitelist' && !data.whitelist.includes(credential.workerId)) return result('not_on_whitelist');
  if (!gateAllowed) return result('gate_not_allowed');
  if (!inIntervals(data.open_intervals, ctx.now)) return result('outside_hours');
  return result('pass_ok');
}
