/**
 * The certificate QR text of docs/training.md, checked offline: "YHC1:" + base45(body || 64-byte
 * Ed25519 signature), body = serial, kind, masked name, title, issued_at, valid_until and key id
 * joined by "\n", the signature over "YHC1\n" + body. The same codec and signature library as the
 * pass credential (passes/base45, @noble/ed25519 with a synchronous SHA-512, so it also works on
 * plain http where WebCrypto is absent); the city's public keys are cached for offline use.
 */

import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { base45Decode, base45Encode } from '../passes/base45';
import { base64UrlDecode, concat, utf8 } from '../passes/bytes';

ed.hashes.sha512 = sha512;

export const CERTIFICATE_PREFIX = 'YHC1:';
const SIGNATURE_BYTES = 64;
export const KEYS_STORAGE = 'youhao.certificateKeys';

export interface CertificateFields {
  serial: string;
  kind: string;
  maskedName: string;
  title: string;
  issuedAt: number;
  validUntil: number;
  keyId: number;
}

export interface DecodedCertificate {
  fields: CertificateFields;
  body: Uint8Array;
  signature: Uint8Array;
}

export interface CachedKey {
  id: number;
  public_key: string;
}

export type OfflineVerdict = 'valid' | 'expired' | 'invalid' | 'no_keys';

function number(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return null;
  return Number(text);
}

/** Parses a QR text; null when it is not a certificate text. */
export function decodeCertificate(text: string): DecodedCertificate | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(CERTIFICATE_PREFIX)) return null;
  let bytes: Uint8Array;
  try {
    bytes = base45Decode(trimmed.slice(CERTIFICATE_PREFIX.length));
  } catch {
    return null;
  }
  if (bytes.length <= SIGNATURE_BYTES) return null;
  const body = bytes.slice(0, bytes.length - SIGNATURE_BYTES);
  const signature = bytes.slice(bytes.length - SIGNATURE_BYTES);
  let parts: string[];
  try {
    parts = new TextDecoder('utf-8', { fatal: true }).decode(body).split('\n');
  } catch {
    return null;
  }
  if (parts.length !== 7) return null;
  const issuedAt = number(parts[4]);
  const validUntil = number(parts[5]);
  const keyId = number(parts[6]);
  if (issuedAt === null || validUntil === null || keyId === null || !parts[0]) return null;
  return {
    fields: { serial: parts[0], kind: parts[1]!, maskedName: parts[2]!, title: parts[3]!, issuedAt, validUntil, keyId },
    body,
    signature,
  };
}

/** The signed message: "YHC1\n" + body. */
export const signedMessage = (body: Uint8Array): Uint8Array => concat(utf8('YHC1\n'), body);

/** The offline verdict on `text` with the cached keys, at `nowSeconds`. */
export function verifyOffline(text: string, keys: CachedKey[], nowSeconds: number): { verdict: OfflineVerdict; decoded: DecodedCertificate | null } {
  const decoded = decodeCertificate(text);
  if (!decoded) return { verdict: 'invalid', decoded: null };
  if (keys.length === 0) return { verdict: 'no_keys', decoded };
  const key = keys.find((k) => k.id === decoded.fields.keyId);
  if (!key) return { verdict: 'invalid', decoded };
  let holds: boolean;
  try {
    holds = ed.verify(decoded.signature, signedMessage(decoded.body), base64UrlDecode(key.public_key));
  } catch {
    holds = false;
  }
  if (!holds) return { verdict: 'invalid', decoded };
  if (decoded.fields.validUntil !== 0 && decoded.fields.validUntil < nowSeconds) return { verdict: 'expired', decoded };
  return { verdict: 'valid', decoded };
}

/** Test and tooling helper: a QR text signed with a secret key, as the server makes it. */
export function signCertificate(fields: CertificateFields, secretKey: Uint8Array): string {
  const body = utf8([fields.serial, fields.kind, fields.maskedName, fields.title, fields.issuedAt, fields.validUntil, fields.keyId].join('\n'));
  const signature = ed.sign(signedMessage(body), secretKey);
  return CERTIFICATE_PREFIX + base45Encode(concat(body, signature));
}

export interface KeyStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function cachedKeys(store: KeyStore | null): CachedKey[] {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(KEYS_STORAGE) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((k): k is CachedKey => typeof k?.id === 'number' && typeof k?.public_key === 'string');
  } catch {
    return [];
  }
}

export function cacheKeys(store: KeyStore | null, keys: CachedKey[]): void {
  try {
    store?.setItem(KEYS_STORAGE, JSON.stringify(keys.map((k) => ({ id: k.id, public_key: k.public_key }))));
  } catch {
    // A full or blocked storage: the page still checks with what it fetched.
  }
}
