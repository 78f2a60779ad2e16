// Node-side helpers for the entry-pass e2e test: base45, QR payloads signed with a phone's device
// key, a tiny PNG encoder (a test photo) and a Y4M writer (a fake camera showing a QR code).

import * as ed from '@noble/ed25519';
import { sha512 } from '@noble/hashes/sha2.js';
import { deflateSync } from 'node:zlib';

ed.hashes.sha512 = sha512;

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function base45(bytes) {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = bytes[i] * 256 + bytes[i + 1];
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    out += ALPHABET[c] + ALPHABET[d] + ALPHABET[(n - d) / 45];
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1];
    out += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45)];
  }
  return out;
}

const u32 = (v) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v >>> 0);
  return b;
};

export const windowNow = () => Math.floor(Date.now() / 1000 / 30);

/** "YH1:" + base45(credential || window || signature), the signature made elsewhere (on the phone). */
export function payloadWithSignature({ credential, window, signature }) {
  return 'YH1:' + base45(Buffer.concat([Buffer.from(credential, 'base64url'), u32(window), Buffer.from(signature)]));
}

/** "YH1:" + base45(credential || window || Ed25519(device key, "YHQ1" || pass_id || window)). */
export function payloadFor({ credential, secretKey, window }) {
  const passId = Buffer.from(credential, 'base64url').readUInt32BE(3);
  const signature = ed.sign(Buffer.concat([Buffer.from('YHQ1'), u32(passId), u32(window)]), Buffer.from(secretKey, 'base64url'));
  return payloadWithSignature({ credential, window, signature });
}

// ---- PNG (RGB, no filter) -------------------------------------------------------------------

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  return Buffer.concat([u32(data.length), body, u32(crc32(body))]);
}

/** A PNG from pixel(x, y) → [r, g, b]. */
export function png(width, height, pixel) {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      const o = y * (width * 3 + 1) + 1 + x * 3;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A friendly cartoon face: the rider's test photo. */
export function facePng(size = 160) {
  const c = size / 2;
  return png(size, size, (x, y) => {
    const d = Math.hypot(x - c, y - c * 1.05);
    const eye = Math.hypot(x - c * 0.7, y - c * 0.85) < size * 0.05 || Math.hypot(x - c * 1.3, y - c * 0.85) < size * 0.05;
    const mouth = Math.abs(Math.hypot(x - c, y - c * 1.0) - size * 0.22) < size * 0.025 && y > c * 1.15;
    const helmet = y < c * 0.72 && d < size * 0.42;
    if (eye || mouth) return [40, 40, 48];
    if (helmet) return [255, 196, 0];
    if (d < size * 0.38) return [248, 214, 180];
    return [232, 89, 12];
  });
}

// ---- Y4M (4:2:0) ------------------------------------------------------------------------------

/**
 * A Y4M video for Chromium's fake camera (--use-file-for-fake-video-capture): `frames` copies of
 * a grey-level picture luma(x, y) (0..255) with neutral chroma.
 */
export function y4m(width, height, luma, frames = 10) {
  const y = Buffer.alloc(width * height);
  for (let j = 0; j < height; j++) for (let i = 0; i < width; i++) y[j * width + i] = luma(i, j);
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`), ...Array(frames).fill(frame)]);
}

/** Luma of an RGBA image (e.g. the worker page's QR canvas) centred on a white width×height frame. */
export function centredLuma(rgba, w, h, width, height) {
  const left = Math.floor((width - w) / 2);
  const top = Math.floor((height - h) / 2);
  return (x, y) => {
    const i = x - left;
    const j = y - top;
    if (i < 0 || j < 0 || i >= w || j >= h) return 235;
    const o = (j * w + i) * 4;
    return Math.round(0.299 * rgba[o] + 0.587 * rgba[o + 1] + 0.114 * rgba[o + 2]);
  };
}
