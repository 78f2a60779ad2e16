import * as ed from '@noble/ed25519';
import { describe, expect, it } from 'vitest';
import { base45Encode } from './base45';
import { base64UrlDecode, base64UrlEncode, concat, u32 } from './bytes';
import {
  buildPayload,
  deviceMessage,
  parseCredential,
  parsePayloadText,
  PassFormatError,
  platformName,
  verifyDeviceSignature,
  verifyIssuerSignature,
  windowOf,
} from './credential';
import { credential, device, issuer, NOW, payload } from './testkit';

describe('credential', () => {
  it('parses every field of the binary layout', () => {
    const bytes = credential();
    expect(bytes.length).toBe(54 + 9 + 64); // 王小骑 is 9 bytes of UTF-8
    const c = parseCredential(bytes);
    expect(c).toMatchObject({ version: 1, keyId: 3, passId: 501, workerId: 77, issuedAt: NOW - 3600, expiresAt: NOW + 86_400, platformIndex: 0, kindIndex: 0, name: '王小骑' });
    expect(c.devicePublicKey).toEqual(device.publicKey);
    expect(verifyIssuerSignature(c, issuer.publicKey)).toBe(true);
    expect(platformName(c.platformIndex)).toBe('美团');
    expect(platformName(255)).toBe('其他');
  });

  it('signs "YHP1" || body with the issuer key (big-endian fields)', () => {
    const c = parseCredential(credential());
    expect([...c.body.subarray(0, 11)]).toEqual([1, 0, 3, 0, 0, 1, 245, 0, 0, 0, 77]);
    const message = concat(new TextEncoder().encode('YHP1'), c.body);
    expect(ed.verify(c.issuerSignature, message, issuer.publicKey)).toBe(true);
  });

  it('rejects a tampered credential signature and bad layouts', () => {
    const bytes = credential();
    bytes[20]! ^= 1;
    expect(verifyIssuerSignature(parseCredential(bytes), issuer.publicKey)).toBe(false);
    expect(() => parseCredential(bytes.subarray(0, 100))).toThrow(PassFormatError);
    const v2 = credential({ version: 2 });
    expect(() => parseCredential(v2)).toThrow(PassFormatError);
  });
});

describe('QR payload', () => {
  it('is YH1: + base45(credential || window || device signature over YHQ1||pass_id||window)', () => {
    const cred = credential();
    const w = windowOf(NOW);
    const text = buildPayload(cred, 501, w, device.secretKey);
    expect(text.startsWith('YH1:')).toBe(true);
    expect(/^YH1:[0-9A-Z $%*+\-./:]+$/.test(text)).toBe(true); // QR alphanumeric mode only
    const signature = ed.sign(concat(new TextEncoder().encode('YHQ1'), u32(501), u32(w)), device.secretKey);
    expect(text).toBe('YH1:' + base45Encode(concat(cred, u32(w), signature)));
    const p = parsePayloadText(text);
    expect(p.window).toBe(w);
    expect(p.credential.passId).toBe(501);
    expect(verifyDeviceSignature(p)).toBe(true);
    expect(deviceMessage(501, w).length).toBe(12);
  });

  it('ignores surrounding whitespace and a scanner line ending', () => {
    expect(parsePayloadText(`  ${payload()}\r\n`).credential.name).toBe('王小骑');
  });

  it('rejects a wrong device key, a wrong prefix, bad base45 and a truncated payload', () => {
    const other = ed.keygen();
    expect(verifyDeviceSignature(parsePayloadText(payload({ deviceSecret: other.secretKey })))).toBe(false);
    expect(() => parsePayloadText(payload().replace('YH1:', 'YH2:'))).toThrow(PassFormatError);
    expect(() => parsePayloadText('YH1:abc')).toThrow(PassFormatError);
    expect(() => parsePayloadText(payload().slice(0, -3))).toThrow(PassFormatError);
    expect(() => parsePayloadText('https://example.com/')).toThrow(PassFormatError);
  });
});

describe('base64url', () => {
  it('round-trips and accepts standard base64', () => {
    const bytes = new Uint8Array([251, 255, 0, 1, 2]);
    expect(base64UrlEncode(bytes)).toBe('-_8AAQI');
    expect(base64UrlDecode('-_8AAQI')).toEqual(bytes);
    expect(base64UrlDecode('+/8AAQI=')).toEqual(bytes);
  });
});
