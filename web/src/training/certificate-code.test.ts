import { describe, expect, it } from 'vitest';
import * as ed from '@noble/ed25519';
import { base64UrlEncode } from '../passes/bytes';
import { cacheKeys, cachedKeys, decodeCertificate, signCertificate, verifyOffline, type CertificateFields, type KeyStore } from './certificate-code';

const fields: CertificateFields = {
  serial: 'YC123456789012',
  kind: 'training',
  maskedName: '张*哥',
  title: '心肺复苏与急救培训',
  issuedAt: 1765000000,
  validUntil: 0,
  keyId: 3,
};

function keyPair() {
  const { secretKey, publicKey } = ed.keygen();
  return { secretKey, key: { id: 3, public_key: base64UrlEncode(publicKey) } };
}

function memoryStore(): KeyStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('certificate QR text', () => {
  it('round-trips and verifies offline', () => {
    const { secretKey, key } = keyPair();
    const text = signCertificate(fields, secretKey);
    expect(text.startsWith('YHC1:')).toBe(true);
    expect(decodeCertificate(text)?.fields).toEqual(fields);
    expect(verifyOffline(text, [key], 1765000100).verdict).toBe('valid');
  });

  it('fails when altered, forged, under an unknown key, or not a certificate', () => {
    const { secretKey, key } = keyPair();
    const forger = keyPair();
    const text = signCertificate(fields, secretKey);
    const original = decodeCertificate(text)!;
    const altered = signCertificate({ ...fields, title: '高级技师证书' }, forger.secretKey);
    expect(verifyOffline(altered, [key], 1765000100).verdict).toBe('invalid');
    // The original signature on another title.
    const swapped = decodeCertificate(altered)!;
    expect(swapped.signature).not.toEqual(original.signature);
    expect(verifyOffline(signCertificate({ ...fields, keyId: 9 }, secretKey), [key], 1765000100).verdict).toBe('invalid');
    expect(verifyOffline('YH1:ABC', [key], 0).verdict).toBe('invalid');
    expect(verifyOffline(text.slice(0, -3) + (text.endsWith('A') ? 'BBB' : 'AAA'), [key], 0).verdict).toBe('invalid');
  });

  it('says when it ran out, and when no keys are cached', () => {
    const { secretKey, key } = keyPair();
    const text = signCertificate({ ...fields, validUntil: 1765000100 }, secretKey);
    expect(verifyOffline(text, [key], 1765000100).verdict).toBe('valid');
    expect(verifyOffline(text, [key], 1765000101).verdict).toBe('expired');
    expect(verifyOffline(text, [], 0).verdict).toBe('no_keys');
  });

  it('caches the keys for offline use', () => {
    const store = memoryStore();
    expect(cachedKeys(store)).toEqual([]);
    cacheKeys(store, [{ id: 1, public_key: 'abc' }]);
    expect(cachedKeys(store)).toEqual([{ id: 1, public_key: 'abc' }]);
    store.setItem('youhao.certificateKeys', 'not json');
    expect(cachedKeys(store)).toEqual([]);
  });
});
