/**
 * Base45 (RFC 9285): two bytes become three characters of the QR alphanumeric alphabet,
 * a trailing single byte two characters. The whole text is QR "alphanumeric mode".
 */

export const BASE45_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

const VALUES: Record<string, number> = Object.fromEntries([...BASE45_ALPHABET].map((c, i) => [c, i]));

export class Base45Error extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Base45Error';
  }
}

export function base45Encode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i]! * 256 + bytes[i + 1]!;
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += BASE45_ALPHABET[c]! + BASE45_ALPHABET[d]! + BASE45_ALPHABET[e]!;
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1]!;
    const c = n % 45;
    out += BASE45_ALPHABET[c]! + BASE45_ALPHABET[(n - c) / 45]!;
  }
  return out;
}

/** Decodes base45; throws Base45Error on a bad length, a character outside the alphabet or an overflowing group. */
export function base45Decode(text: string): Uint8Array {
  if (text.length % 3 === 1) throw new Base45Error('bad length');
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  const value = (i: number): number => {
    const v = VALUES[text[i]!];
    if (v === undefined) throw new Base45Error(`bad character at ${i}`);
    return v;
  };
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    if (i + 2 < text.length) {
      const n = value(i) + value(i + 1) * 45 + value(i + 2) * 45 * 45;
      if (n > 0xffff) throw new Base45Error(`group at ${i} overflows`);
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      const n = value(i) + value(i + 1) * 45;
      if (n > 0xff) throw new Base45Error(`group at ${i} overflows`);
      out[o++] = n;
    }
  }
  return out;
}
