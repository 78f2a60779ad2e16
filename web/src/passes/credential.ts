/**
 * The entry pass formats of docs/passes.md: the issuer-signed credential, the QR payload
 * ("YH1:" + base45(credential || window || device signature)) and the messages both signatures cover.
 */

import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { base45Decode, base45Encode } from './base45';
import { ascii, concat, readU16, readU32, u32 } from './bytes';

// Synchronous SHA-512 for @noble/ed25519: works outside secure contexts (a gate tablet on plain http).
ed.hashes.sha512 = sha512;

export const PAYLOAD_PREFIX = 'YH1:';
export const WINDOW_SECONDS = 30;
export const MAX_NAME_BYTES = 30;
const HEADER = 54;
const SIG = 64;

export const PLATFORMS: Record<number, string> = { 0: '美团', 1: '饿了么', 2: '顺丰', 3: '京东', 4: 'UU跑腿', 5: '闪送', 255: '其他' };
export const KINDS = ['food', 'parcel', 'ride', 'truck'] as const;

export class PassFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PassFormatError';
  }
}

export interface Credential {
  version: number;
  keyId: number;
  passId: number;
  workerId: number;
  issuedAt: number;
  expiresAt: number;
  devicePublicKey: Uint8Array;
  platformIndex: number;
  kindIndex: number;
  name: string;
  /** Bytes [0, 54+n): what the issuer signed after "YHP1". */
  body: Uint8Array;
  issuerSignature: Uint8Array;
  /** The whole credential. */
  bytes: Uint8Array;
}

export interface Payload {
  credential: Credential;
  window: number;
  deviceSignature: Uint8Array;
}

export function platformName(index: number): string {
  return PLATFORMS[index] ?? PLATFORMS[255]!;
}

export function kindCode(index: number): string {
  return KINDS[index] ?? 'food';
}

export function windowOf(unixSeconds: number): number {
  return Math.floor(unixSeconds / WINDOW_SECONDS);
}

/** Length of the credential that starts at `bytes[0]`, or -1 when the header is incomplete. */
function credentialLength(bytes: Uint8Array): number {
  if (bytes.length < HEADER) return -1;
  return HEADER + bytes[53]! + SIG;
}

export function parseCredential(bytes: Uint8Array): Credential {
  const length = credentialLength(bytes);
  if (length < 0 || bytes.length !== length) throw new PassFormatError('credential length');
  if (bytes[0] !== 1) throw new PassFormatError('credential version');
  const n = bytes[53]!;
  if (n > MAX_NAME_BYTES) throw new PassFormatError('name too long');
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(HEADER, HEADER + n));
  } catch {
    throw new PassFormatError('name is not UTF-8');
  }
  return {
    version: 1,
    keyId: readU16(bytes, 1),
    passId: readU32(bytes, 3),
    workerId: readU32(bytes, 7),
    issuedAt: readU32(bytes, 11),
    expiresAt: readU32(bytes, 15),
    devicePublicKey: bytes.slice(19, 51),
    platformIndex: bytes[51]!,
    kindIndex: bytes[52]!,
    name,
    body: bytes.slice(0, HEADER + n),
    issuerSignature: bytes.slice(HEADER + n, HEADER + n + SIG),
    bytes: bytes.slice(),
  };
}

export function parsePayloadBytes(bytes: Uint8Array): Payload {
  const length = credentialLength(bytes);
  if (length < 0 || bytes.length !== length + 4 + SIG) throw new PassFormatError('payload length');
  const credential = parseCredential(bytes.subarray(0, length));
  return { credential, window: readU32(bytes, length), deviceSignature: bytes.slice(length + 4) };
}

/** Parses the scanned text. Scanners may add whitespace or a line ending; those are ignored. */
export function parsePayloadText(text: string): Payload {
  const clean = text.replace(/[\r\n\t]/g, '').trim();
  if (!clean.startsWith(PAYLOAD_PREFIX)) throw new PassFormatError('prefix');
  let bytes: Uint8Array;
  try {
    bytes = base45Decode(clean.slice(PAYLOAD_PREFIX.length));
  } catch {
    throw new PassFormatError('base45');
  }
  return parsePayloadBytes(bytes);
}

export function issuerMessage(credential: Pick<Credential, 'body'>): Uint8Array {
  return concat(ascii('YHP1'), credential.body);
}

export function deviceMessage(passId: number, window: number): Uint8Array {
  return concat(ascii('YHQ1'), u32(passId), u32(window));
}

export function verifyIssuerSignature(credential: Credential, issuerPublicKey: Uint8Array): boolean {
  try {
    return ed.verify(credential.issuerSignature, issuerMessage(credential), issuerPublicKey);
  } catch {
    return false;
  }
}

export function verifyDeviceSignature(payload: Payload): boolean {
  try {
    return ed.verify(payload.deviceSignature, deviceMessage(payload.credential.passId, payload.window), payload.credential.devicePublicKey);
  } catch {
    return false;
  }
}

/** The QR text for `window`, given the device's signature over deviceMessage(passId, window). */
export function payloadText(credentialBytes: Uint8Array, window: number, deviceSignature: Uint8Array): string {
  return PAYLOAD_PREFIX + base45Encode(concat(credentialBytes, u32(window), deviceSignature));
}

/** The QR text for `window`, signed with a device secret key held as bytes (tests, tools). */
export function buildPayload(credentialBytes: Uint8Array, passId: number, window: number, deviceSecretKey: Uint8Array): string {
  return payloadText(credentialBytes, window, ed.sign(deviceMessage(passId, window), deviceSecretKey));
}

export interface DeviceKeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

export function newDeviceKey(): DeviceKeyPair {
  return ed.keygen();
}

export function publicKeyOf(secretKey: Uint8Array): Uint8Array {
  return ed.getPublicKey(secretKey);
}

/** Test and tooling helper: builds and signs a credential as the issuer would. */
export function signCredential(
  fields: Omit<Credential, 'version' | 'body' | 'issuerSignature' | 'bytes'> & { version?: number },
  issuerSecretKey: Uint8Array,
): Uint8Array {
  const name = new TextEncoder().encode(fields.name);
  if (name.length > MAX_NAME_BYTES) throw new PassFormatError('name too long');
  const body = new Uint8Array(HEADER + name.length);
  const view = new DataView(body.buffer);
  body[0] = fields.version ?? 1;
  view.setUint16(1, fields.keyId);
  view.setUint32(3, fields.passId);
  view.setUint32(7, fields.workerId);
  view.setUint32(11, fields.issuedAt);
  view.setUint32(15, fields.expiresAt);
  body.set(fields.devicePublicKey, 19);
  body[51] = fields.platformIndex;
  body[52] = fields.kindIndex;
  body[53] = name.length;
  body.set(name, HEADER);
  return concat(body, ed.sign(issuerMessage({ body }), issuerSecretKey));
}
