import { describe, expect, it } from 'vitest';
import { QrPacer } from './qr-camera';

describe('QrPacer.frameDue', () => {
  it('decodes the first frame, then one frame per throttle interval', () => {
    const pacer = new QrPacer(150, 5000);
    expect(pacer.frameDue(10)).toBe(true);
    expect(pacer.frameDue(100)).toBe(false);
    expect(pacer.frameDue(159)).toBe(false);
    expect(pacer.frameDue(160)).toBe(true);
    // Counted from the last due frame, not from the last call.
    expect(pacer.frameDue(300)).toBe(false);
    expect(pacer.frameDue(310)).toBe(true);
  });
});

describe('QrPacer.accept', () => {
  it('hands over a code once while it stays in view, and again after the pause', () => {
    const pacer = new QrPacer(120, 5000);
    expect(pacer.accept('YH1:a', 1000)).toBe(true);
    expect(pacer.accept('YH1:a', 1200)).toBe(false);
    expect(pacer.accept('YH1:a', 5999)).toBe(false);
    expect(pacer.accept('YH1:a', 6000)).toBe(true);
    expect(pacer.accept('YH1:a', 6100)).toBe(false);
  });

  it('hands over another code at once, and the first again after it', () => {
    const pacer = new QrPacer(120, 5000);
    expect(pacer.accept('YH1:a', 1000)).toBe(true);
    expect(pacer.accept('YH1:b', 1100)).toBe(true);
    // Only the last text is remembered: the first one is new again.
    expect(pacer.accept('YH1:a', 1200)).toBe(true);
  });
});
