import * as ed from '@noble/ed25519';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64UrlEncode } from './bytes';
import { deviceMessage, parsePayloadText, payloadText, verifyDeviceSignature } from './credential';
import { createDeviceKey, importDeviceSeed, signWithDevice, type DeviceSecret } from './device-key';
import { forgetAllPasses, loadPass, memoryPassStore, type LegacyStore, type PassStore, type StoredPass } from './store';
import { credential, device } from './testkit';

// Node's WebCrypto has Ed25519 like the browsers the pass targets (Chromium 137+); the browser
// itself is exercised by e2e/passes.mjs.
const subtle = webcrypto.subtle as unknown as SubtleCrypto;

/** A WebCrypto without Ed25519, as in older browsers. */
const noEd25519 = {
  generateKey: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
  importKey: () => Promise.reject(new DOMException('Unrecognized name.', 'NotSupportedError')),
} as unknown as SubtleCrypto;

function legacyStore(entries: Record<string, string> = {}): LegacyStore & { entries: Record<string, string> } {
  return {
    entries,
    getItem: (key) => entries[key] ?? null,
    removeItem: (key) => {
      delete entries[key];
    },
  };
}

/** A store like IndexedDB: what it keeps survives a reload. */
function durableStore(): PassStore & { kept: Map<number, StoredPass> } {
  const kept = new Map<number, StoredPass>();
  return {
    kept,
    get: async (id) => kept.get(id) ?? null,
    put: async (pass) => {
      kept.set(pass.account_id, pass);
      return true;
    },
    clear: async () => kept.clear(),
  };
}

/** The pass an older version left in localStorage: the device key's seed in clear. */
function oldRecord(accountId = 12): string {
  return JSON.stringify({
    account_id: accountId,
    secret_key: base64UrlEncode(device.secretKey),
    public_key: base64UrlEncode(device.publicKey),
    credential: base64UrlEncode(credential()),
    pass_id: 501,
    key_id: 3,
    expires_at: 1_800_086_415,
  });
}

/** Signs the QR of `window` with `secret` and checks it as a gate does. */
async function gateAccepts(secret: DeviceSecret, window: number, using: SubtleCrypto = subtle): Promise<boolean> {
  const signature = await signWithDevice(secret, deviceMessage(501, window), using);
  return verifyDeviceSignature(parsePayloadText(payloadText(credential(), window, signature)));
}

describe('device key', () => {
  it('is made in WebCrypto as non-extractable, and its signatures verify as Ed25519 at the gate', async () => {
    const made = await createDeviceKey(subtle);
    expect(made.device.kind).toBe('webcrypto');
    if (made.device.kind !== 'webcrypto') return;
    expect(made.device.key.extractable).toBe(false);
    expect(made.device.key.type).toBe('private');
    await expect(subtle.exportKey('pkcs8', made.device.key)).rejects.toThrow();
    await expect(subtle.exportKey('jwk', made.device.key)).rejects.toThrow();
    expect(made.publicKey.length).toBe(32);
    const message = deviceMessage(501, 60_000_000);
    const signature = await signWithDevice(made.device, message, subtle);
    expect(ed.verify(signature, message, made.publicKey)).toBe(true);
    expect(ed.verify(signature, deviceMessage(501, 60_000_001), made.publicKey)).toBe(false);
  });

  it('falls back to a software key where WebCrypto has no Ed25519, and says so', async () => {
    const made = await createDeviceKey(noEd25519);
    expect(made.device.kind).toBe('software');
    const message = deviceMessage(9, 1);
    expect(ed.verify(await signWithDevice(made.device, message, noEd25519), message, made.publicKey)).toBe(true);
    const without = await createDeviceKey(null); // plain http: no crypto.subtle at all
    expect(without.device.kind).toBe('software');
  });

  it('imports an old seed as non-extractable, signing exactly as the seed did', async () => {
    const imported = await importDeviceSeed(device.secretKey, device.publicKey, subtle);
    expect(imported?.kind).toBe('webcrypto');
    if (imported?.kind !== 'webcrypto') return;
    expect(imported.key.extractable).toBe(false);
    await expect(subtle.exportKey('pkcs8', imported.key)).rejects.toThrow();
    // Ed25519 is deterministic: the same signature as the raw seed's.
    const message = deviceMessage(501, 60_000_000);
    expect(await signWithDevice(imported, message, subtle)).toEqual(ed.sign(message, device.secretKey));
    expect(await gateAccepts(imported, 60_000_000)).toBe(true);
  });

  it('refuses a seed that is not the secret of the public key', async () => {
    const other = ed.keygen(new Uint8Array(32).fill(3));
    expect(await importDeviceSeed(device.secretKey, other.publicKey, subtle)).toBeNull();
    expect(await importDeviceSeed(new Uint8Array(31), device.publicKey, subtle)).toBeNull();
  });
});

describe('pass store', () => {
  it('moves a key kept in localStorage into the store as non-extractable and deletes the old copy', async () => {
    const legacy = legacyStore({ 'youhao.pass.12': oldRecord(), 'youhao.pass.13': oldRecord(13) });
    const store = durableStore();
    const pass = await loadPass(12, store, legacy, subtle);
    expect(pass).toMatchObject({ account_id: 12, public_key: base64UrlEncode(device.publicKey), pass_id: 501, key_id: 3, expires_at: 1_800_086_415 });
    expect(pass?.credential).toBe(base64UrlEncode(credential()));
    expect(pass?.device.kind).toBe('webcrypto');
    expect(pass && 'key' in pass.device && pass.device.key.extractable).toBe(false);
    expect(legacy.entries['youhao.pass.12']).toBeUndefined();
    expect(legacy.entries['youhao.pass.13']).toBeDefined(); // another account's pass is left alone
    expect(store.kept.get(12)).toBe(pass);
    // Offline after the move: the pass still signs, from the store alone.
    const again = await loadPass(12, store, legacyStore(), subtle);
    expect(again).toBe(pass);
    expect(await gateAccepts(again!.device, 60_000_000)).toBe(true);
  });

  it('keeps the old copy while the store cannot keep the pass across reloads', async () => {
    const legacy = legacyStore({ 'youhao.pass.12': oldRecord() });
    const memory = await loadPass(12, memoryPassStore(), legacy, subtle);
    expect(memory?.device.kind).toBe('webcrypto');
    expect(legacy.entries['youhao.pass.12']).toBeDefined();
    const refusing: PassStore = { get: async () => null, put: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')), clear: async () => undefined };
    const refused = await loadPass(12, refusing, legacy, subtle);
    expect(refused?.pass_id).toBe(501);
    expect(legacy.entries['youhao.pass.12']).toBeDefined();
  });

  it('deletes an old copy that outlived a move, and drops an unreadable one', async () => {
    const store = durableStore();
    await loadPass(12, store, legacyStore({ 'youhao.pass.12': oldRecord() }), subtle);
    const leftover = legacyStore({ 'youhao.pass.12': oldRecord() });
    expect((await loadPass(12, store, leftover, subtle))?.pass_id).toBe(501);
    expect(leftover.entries['youhao.pass.12']).toBeUndefined();

    const wrongKey = JSON.parse(oldRecord()) as Record<string, unknown>;
    wrongKey.public_key = base64UrlEncode(ed.keygen(new Uint8Array(32).fill(3)).publicKey);
    for (const text of ['{not json', JSON.stringify({ ...wrongKey }), JSON.stringify({ ...JSON.parse(oldRecord()), account_id: 99 })]) {
      const broken = legacyStore({ 'youhao.pass.12': text });
      expect(await loadPass(12, durableStore(), broken, subtle)).toBeNull();
      expect(broken.entries['youhao.pass.12']).toBeUndefined();
    }
  });

  it('answers only with a well-formed pass of the account asked for', async () => {
    const store = durableStore();
    const made = await createDeviceKey(subtle);
    const pass: StoredPass = { account_id: 12, device: made.device, public_key: base64UrlEncode(made.publicKey), credential: null, pass_id: null, key_id: null, expires_at: null };
    await store.put(pass);
    expect(await loadPass(12, store, null, subtle)).toBe(pass);
    expect(await loadPass(13, store, null, subtle)).toBeNull();
    const odd: PassStore = { get: async () => ({ account_id: 12, secret_key: 'x', public_key: 'y' }), put: async () => true, clear: async () => undefined };
    expect(await loadPass(12, odd, null, subtle)).toBeNull();
  });

  it('forgets every pass on the phone (an erased account), old copies included', async () => {
    const store = durableStore();
    await loadPass(12, store, legacyStore({ 'youhao.pass.12': oldRecord() }), subtle);
    const old = { 'youhao.pass.13': oldRecord(13), 'youhao.lang': 'en' };
    // localStorage lists its keys as own properties beside its methods.
    const legacy = { ...legacyStore(old), ...old } as unknown as Storage;
    await forgetAllPasses(store, legacy);
    expect(store.kept.size).toBe(0);
    expect(await loadPass(12, store, null, subtle)).toBeNull();
    expect(old).toEqual({ 'youhao.lang': 'en' });
  });
});
