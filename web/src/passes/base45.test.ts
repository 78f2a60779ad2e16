import { describe, expect, it } from 'vitest';
import { base45Decode, base45Encode, Base45Error } from './base45';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('base45 (RFC 9285)', () => {
  it('encodes the RFC test vectors', () => {
    expect(base45Encode(utf8('AB'))).toBe('BB8');
    expect(base45Encode(utf8('Hello!!'))).toBe('%69 VD92EX0');
    expect(base45Encode(utf8('base-45'))).toBe('UJCLQE7W581');
    expect(base45Encode(utf8('ietf!'))).toBe('QED8WEX0');
    expect(base45Encode(new Uint8Array())).toBe('');
  });

  it('decodes the RFC test vectors', () => {
    expect(text(base45Decode('BB8'))).toBe('AB');
    expect(text(base45Decode('%69 VD92EX0'))).toBe('Hello!!');
    expect(text(base45Decode('UJCLQE7W581'))).toBe('base-45');
    expect(text(base45Decode('QED8WEX0'))).toBe('ietf!');
  });

  it('round-trips every byte value and odd lengths', () => {
    const all = new Uint8Array(257).map((_, i) => (i * 37 + 11) & 0xff);
    for (let n = 0; n < all.length; n += 13) {
      const slice = all.slice(0, n);
      expect(base45Decode(base45Encode(slice))).toEqual(slice);
    }
    expect(base45Encode(new Uint8Array([0xff, 0xff]))).toBe('FGW');
    expect(base45Decode('FGW')).toEqual(new Uint8Array([0xff, 0xff]));
  });

  it('rejects bad input', () => {
    expect(() => base45Decode('GGW')).toThrow(Base45Error); // 65536 overflows
    expect(() => base45Decode('A')).toThrow(Base45Error); // length 1 mod 3
    expect(() => base45Decode('ab8')).toThrow(Base45Error); // lower case is not in the alphabet
    expect(() => base45Decode('ZZ')).toThrow(Base45Error); // 35 + 35*45 > 255
  });
});
