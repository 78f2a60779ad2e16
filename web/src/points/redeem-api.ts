/**
 * The merchant's desk without a code (docs: POST /api/v1/redemptions/by-pass, POST
 * /api/v1/redemptions/{id}/confirm-by-pass): the desk scans the rider's live 进门码 and sees the
 * rider's held redemptions at one of its places, then confirms one with the same pass; and the
 * month's statement as a printable PDF (GET /places/{id}/statement?format=pdf).
 */

import { buildUrl, request } from '../shell/api';
import type { Redemption } from './api';

/** A rider's held redemptions at one place, found by their pass: the rider's masked name only. */
export interface OpenByPass {
  worker: { name: string };
  place: { id: number; name: string };
  /** Oldest first. */
  redemptions: Redemption[];
}

/** The rider whose live pass `pass` (the QR text, YH1:…) is: their held redemptions at `placeId`. */
export function openByPass(pass: string, placeId: number, signal?: AbortSignal): Promise<OpenByPass> {
  return request<OpenByPass>('POST', '/api/v1/redemptions/by-pass', { body: { pass, place_id: placeId }, signal, timeoutMs: 15_000 });
}

/** Confirms one of them with the rider's live pass in place of the code. */
export function confirmByPass(redemptionId: number, pass: string): Promise<{ redemption: Redemption }> {
  return request<{ redemption: Redemption }>('POST', `/api/v1/redemptions/${redemptionId}/confirm-by-pass`, { body: { pass }, timeoutMs: 15_000 });
}

/** Where the month's statement downloads as a one-page PDF (a link: the session cookie goes along). */
export function statementPdfUrl(placeId: number, month: string): string {
  return buildUrl(`/api/v1/places/${placeId}/statement`, { month, format: 'pdf' });
}

/**
 * A scanned or pasted pass as the server wants it, trimmed (spaces inside belong to its base45
 * text: they stay); null when it is no pass at all.
 */
export function passTextOf(typed: string): string | null {
  const text = typed.trim();
  return /^YH1:[0-9A-Z $%*+\-./:]{20,2000}$/i.test(text) ? text : null;
}
