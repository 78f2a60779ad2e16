/**
 * The one QR camera (the guard's #/gate and the desk's 扫骑手码 on #/redeem): a video with a
 * frame drawn over it, a button that starts and stops the back camera (getUserMedia), and a scan
 * loop on requestAnimationFrame that decodes a frame with jsQR every `throttleMs` and hands each
 * text it reads to `onText` — the same text again only after `repeatMs`, since a code stays in
 * view for a while. The words come from the feature's messages; the test ids from the page.
 */

import jsQR from 'jsqr';
import { h } from './dom';

/** When a frame is due and whether a decoded text is new: pure, so it is tested without a camera. */
export class QrPacer {
  private frameAt = Number.NEGATIVE_INFINITY;
  private lastText = '';
  private lastAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly throttleMs: number,
    readonly repeatMs: number,
  ) {}

  /** True when at least `throttleMs` passed since the last due frame (then `now` is the last). */
  frameDue(now: number): boolean {
    if (now - this.frameAt < this.throttleMs) return false;
    this.frameAt = now;
    return true;
  }

  /** True when `text` is to be handled: another text, or the same one after `repeatMs`. */
  accept(text: string, now: number): boolean {
    if (text === this.lastText && now - this.lastAt < this.repeatMs) return false;
    this.lastText = text;
    this.lastAt = now;
    return true;
  }
}

export interface QrCameraWords {
  start: string;
  stop: string;
  /** Under the video while the camera is off. */
  off: string;
  unsupported: string;
  denied: (error: string) => string;
}

export interface QrCameraOptions {
  /** The video is `${testId}-video`, the button `${testId}-camera`. */
  testId: string;
  words: QrCameraWords;
  onText: (text: string) => void;
  /** Stops the camera when the page goes. */
  signal: AbortSignal;
  /** While true, frames are not decoded (a result is on screen, a check is running). */
  paused?: () => boolean;
  /** Checked once the camera was granted: false stops it again (the panel was closed meanwhile). */
  wanted?: () => boolean;
  /** Called when the camera came on, and when the person turned it off with the button. */
  onSwitch?: (on: boolean) => void;
  throttleMs?: number;
  repeatMs?: number;
  buttonClass?: string;
}

export interface QrCamera {
  /** The video, its frame and the note. */
  box: HTMLDivElement;
  /** 开启/关闭摄像头. */
  button: HTMLButtonElement;
  start: () => Promise<void>;
  stop: () => void;
}

export function qrCamera(options: QrCameraOptions): QrCamera {
  const { words, signal } = options;
  const video = h('video', { class: 'camera-video', playsinline: true, muted: true, autoplay: true, 'data-testid': `${options.testId}-video` });
  const note = h('p', { class: 'camera-note muted' }, words.off);
  const box = h('div', { class: 'camera-box' }, video, h('div', { class: 'camera-frame', 'aria-hidden': 'true' }), note);
  const frame = document.createElement('canvas');
  const pacer = new QrPacer(options.throttleMs ?? 150, options.repeatMs ?? 5000);
  let stream: MediaStream | null = null;
  let loop = 0;

  const stop = (): void => {
    cancelAnimationFrame(loop);
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
    box.classList.remove('is-on');
    button.textContent = words.start;
    note.hidden = false;
    note.textContent = words.off;
  };

  const scanFrame = (): void => {
    if (!stream) return;
    loop = requestAnimationFrame(scanFrame);
    if (video.readyState < 2 || options.paused?.()) return;
    const now = performance.now();
    if (!pacer.frameDue(now)) return;
    const scale = Math.min(1, 800 / video.videoWidth);
    const w = Math.round(video.videoWidth * scale);
    const hgt = Math.round(video.videoHeight * scale);
    if (!w || !hgt) return;
    frame.width = w;
    frame.height = hgt;
    const ctx = frame.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    ctx.drawImage(video, 0, 0, w, hgt);
    const found = jsQR(ctx.getImageData(0, 0, w, hgt).data, w, hgt, { inversionAttempts: 'dontInvert' });
    if (!found?.data || !pacer.accept(found.data, now)) return;
    box.dataset.decoded = String(Number(box.dataset.decoded ?? 0) + 1);
    options.onText(found.data);
  };

  const start = async (): Promise<void> => {
    if (stream) return;
    if (!navigator.mediaDevices?.getUserMedia) {
      note.textContent = words.unsupported;
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
    } catch (error) {
      note.textContent = words.denied((error as Error).name || String(error));
      return;
    }
    if (signal.aborted || options.wanted?.() === false) {
      stop();
      return;
    }
    video.srcObject = stream;
    await video.play().catch(() => undefined);
    box.classList.add('is-on');
    note.hidden = true;
    button.textContent = words.stop;
    options.onSwitch?.(true);
    scanFrame();
  };

  const button: HTMLButtonElement = h(
    'button',
    {
      type: 'button',
      class: options.buttonClass ?? 'btn btn-secondary',
      'data-testid': `${options.testId}-camera`,
      onClick: () => {
        if (stream) {
          stop();
          options.onSwitch?.(false);
        } else void start();
      },
    },
    words.start,
  );
  signal.addEventListener('abort', stop);
  return { box, button, start, stop };
}
