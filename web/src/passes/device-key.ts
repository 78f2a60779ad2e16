/**
 * The phone's device key, which signs the QR of each 30-second window (docs/passes.md). Where the
 * browser's WebCrypto has Ed25519 (Chromium 137+, Firefox 129+, Safari 17+, in a secure context)
 * the key is made there as non-extractable: the page's own script can sign with it but cannot
 * read it out, so a pass cannot be copied off the phone. Elsewhere (plain http, older browsers)
 * the key is a software Ed25519 key, the only way such a phone can show a pass; the record says
 * which it is.
 */

import * as ed from '@noble/ed25519';
import { base64UrlDecode, base64UrlEncode, concat, equalBytes } from './bytes';
import { newDeviceKey, publicKeyOf } from './credential';

/** A device key as kept in IndexedDB (a CryptoKey survives the structured clone, unreadable). */
export type DeviceSecret = { kind: 'webcrypto'; key: CryptoKey } | { kind: 'software'; seed: string };

const ED25519 = { name: 'Ed25519' } as const;
/** PKCS #8 PrivateKeyInfo for Ed25519 (RFC 8410) up to the 32-byte seed that follows it. */
const PKCS8_ED25519_SEED = Uint8Array.from([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);

/** A copy on an ArrayBuffer of its own, as WebCrypto takes its input. */
const owned = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => Uint8Array.from(bytes);

/** The browser's WebCrypto, or null outside a secure context (where `crypto.subtle` is absent). */
export function webCrypto(): SubtleCrypto | null {
  try {
    return globalThis.crypto?.subtle ?? null;
  } catch {
    return null;
  }
}

/** A fresh device key and its public key (32 bytes, what the credential names). */
export async function createDeviceKey(subtle: SubtleCrypto | null = webCrypto()): Promise<{ device: DeviceSecret; publicKey: Uint8Array }> {
  if (subtle) {
    try {
      const pair = (await subtle.generateKey(ED25519, false, ['sign', 'verify'])) as CryptoKeyPair;
      const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
      if (publicKey.length === 32 && !pair.privateKey.extractable) return { device: { kind: 'webcrypto', key: pair.privateKey }, publicKey };
    } catch {
      // This browser's WebCrypto has no Ed25519.
    }
  }
  const key = newDeviceKey();
  return { device: { kind: 'software', seed: base64UrlEncode(key.secretKey) }, publicKey: key.publicKey };
}

/**
 * The seed an older version kept in localStorage, as a non-extractable key where WebCrypto can
 * hold one. Null when the seed is not the secret of `publicKey`.
 */
export async function importDeviceSeed(seed: Uint8Array, publicKey: Uint8Array, subtle: SubtleCrypto | null = webCrypto()): Promise<DeviceSecret | null> {
  if (seed.length !== 32 || !equalBytes(publicKeyOf(seed), publicKey)) return null;
  if (subtle) {
    try {
      const key = await subtle.importKey('pkcs8', owned(concat(PKCS8_ED25519_SEED, seed)), ED25519, false, ['sign']);
      return { kind: 'webcrypto', key };
    } catch {
      // No Ed25519 in this WebCrypto: the seed stays a software key.
    }
  }
  return { kind: 'software', seed: base64UrlEncode(seed) };
}

/** The device's Ed25519 signature over `message`. */
export async function signWithDevice(device: DeviceSecret, message: Uint8Array, subtle: SubtleCrypto | null = webCrypto()): Promise<Uint8Array> {
  if (device.kind === 'software') return ed.sign(message, base64UrlDecode(device.seed));
  if (!subtle) throw new Error('WebCrypto is not available to sign with the device key');
  return new Uint8Array(await subtle.sign(ED25519, device.key, owned(message)));
}

export function isDeviceSecret(value: unknown): value is DeviceSecret {
  if (!value || typeof value !== 'object') return false;
  const device = value as { kind?: unknown; key?: unknown; seed?: unknown };
  if (device.kind === 'software') return typeof device.seed === 'string';
  return device.kind === 'webcrypto' && typeof device.key === 'object' && device.key !== null;
}

