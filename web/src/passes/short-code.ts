/**
 * The pass's digit code (docs/passes.md, "The digit code"), for gates without a camera or scanner:
 * the last four digits of the pass number, then six digits that change every 30 seconds — HOTP
 * (RFC 4226 dynamic truncation) over HMAC-SHA-256 of the 30-second step under the secret the
 * server issued with the pass. Made on the phone, online or not; checked by the server only.
 */

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

export const SHORT_CODE_STEP_SECONDS = 30;
export const SHORT_CODE_LENGTH = 10;

/** The 30-second step of `unixSeconds` (the QR's window). */
export function shortCodeStep(unixSeconds: number): number {
  return Math.floor(unixSeconds / SHORT_CODE_STEP_SECONDS);
}

/** The six-digit code of `secret` at `step`, as a number below 10^6. */
export function shortCodeAt(secret: Uint8Array, step: number): number {
  const counter = new Uint8Array(8);
  let value = BigInt(step);
  for (let i = 7; i >= 0; i--) {
    counter[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  const mac = hmac(sha256, secret, counter);
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return (binary >>> 0) % 1_000_000;
}

/** The four digits that come first: the pass number modulo 10^4. */
export function shortCodeTag(passId: number): string {
  return String(((passId % 10_000) + 10_000) % 10_000).padStart(4, '0');
}

/** The ten digits for pass `passId` at `step`. */
export function shortCodeText(passId: number, secret: Uint8Array, step: number): string {
  return shortCodeTag(passId) + String(shortCodeAt(secret, step)).padStart(6, '0');
}

/** Ten digits as a guard reads them: "0007 119 246" (the first four stay, the six change). */
export function groupShortCode(digits: string): string[] {
  return [digits.slice(0, 4), digits.slice(4, 7), digits.slice(7, 10)].filter(Boolean);
}

/** What a keypad collected, as the digits it holds (at most ten). */
export function keypadDigits(typed: string): string {
  return typed.replace(/\D/g, '').slice(0, SHORT_CODE_LENGTH);
}
