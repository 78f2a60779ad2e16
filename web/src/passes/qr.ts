/** Draws a QR code (alphanumeric mode, error correction M) onto a canvas, crisp at any pixel ratio. */

import { create } from 'qrcode';

export interface QrMatrix {
  size: number;
  get(row: number, col: number): boolean;
}

export function qrMatrix(text: string, errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H' = 'M'): QrMatrix {
  const code = create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel });
  const { size, data } = code.modules;
  return { size, get: (row, col) => data[row * size + col] === 1 };
}

/**
 * Renders into at most `cssSize` CSS pixels with whole device pixels per module. The canvas holds a
 * `quiet`-module margin; the white card around it makes up the rest of the 4-module quiet zone.
 */
export function drawQr(canvas: HTMLCanvasElement, matrix: QrMatrix, cssSize: number, quiet = 2): void {
  const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
  const total = matrix.size + 2 * quiet;
  const module = Math.max(1, Math.floor((cssSize * ratio) / total));
  const pixels = module * total;
  canvas.width = pixels;
  canvas.height = pixels;
  canvas.style.width = `${pixels / ratio}px`;
  canvas.style.height = `${pixels / ratio}px`;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, pixels, pixels);
  ctx.fillStyle = '#000';
  for (let r = 0; r < matrix.size; r++) {
    for (let c = 0; c < matrix.size; c++) {
      if (matrix.get(r, c)) ctx.fillRect((c + quiet) * module, (r + quiet) * module, module, module);
    }
  }
}
