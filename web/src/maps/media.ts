/**
 * Photos and videos of the way (`properties.media`, docs/maps.md): which URL is a photo the page may
 * show, the list's limits, how much to shrink a phone photo before a weak connection uploads it, and
 * which step of a route shows the gate's photo. Pure functions, unit-tested.
 */

import type { FeatureKind, MapFeature, RouteAnswer, RouteStep } from './geo';

/** What the server keeps per feature, and the largest photo it takes. */
export const MAX_MEDIA = 10;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
const MAX_URL_LENGTH = 500;

/** Kinds whose way in a photo helps with: gates, doors, paths, rider parking, drop-off points. */
export const MEDIA_KINDS: readonly FeatureKind[] = ['gate', 'entrance', 'path', 'parking', 'drop_off'];

export function takesMedia(kind: FeatureKind): boolean {
  return MEDIA_KINDS.includes(kind);
}

/** An upload is addressed by its public id: 22 characters of base64url, never a number. */
const UPLOAD_PATH = /^\/api\/v1\/map-media\/[A-Za-z0-9_-]{22}$/;
const IMAGE_FILE = /\.(?:jpe?g|png|webp|gif|avif)(?:[?#].*)?$/i;

/**
 * A photo is an upload (/api/v1/map-media/PUBLIC_ID) or an image file on this site: the page's CSP loads
 * images from this site only. Anything else (a video, a page elsewhere) is shown as a link.
 */
export function isPhotoUrl(url: string): boolean {
  const u = url.trim();
  if (!u.startsWith('/') || u.startsWith('//')) return false;
  return UPLOAD_PATH.test(u) || IMAGE_FILE.test(u);
}

/** A feature's media split into photos (shown) and links (看视频), empty entries dropped. */
export function mediaOf(p: { media?: readonly string[] | null }): { photos: string[]; links: string[] } {
  const photos: string[] = [];
  const links: string[] = [];
  for (const raw of p.media ?? []) {
    const url = typeof raw === 'string' ? raw.trim() : '';
    if (!url) continue;
    (isPhotoUrl(url) ? photos : links).push(url);
  }
  return { photos, links };
}

/** `list` with `url` at the end (once), or null when the list is already full. */
export function addMedia(list: readonly string[] | undefined, url: string): string[] | null {
  const current = [...(list ?? [])];
  const u = url.trim();
  if (!u || current.includes(u)) return current;
  if (current.length >= MAX_MEDIA) return null;
  return [...current, u];
}

export function removeMedia(list: readonly string[] | undefined, url: string): string[] {
  return (list ?? []).filter((u) => u !== url);
}

export type VideoUrlProblem = 'empty' | 'notHttps' | 'tooLong';

/** Why a pasted video link cannot be kept (https only, as long as the server allows), or null. */
export function videoUrlProblem(text: string): VideoUrlProblem | null {
  const t = text.trim();
  if (!t) return 'empty';
  if (t.length > MAX_URL_LENGTH) return 'tooLong';
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return 'notHttps';
  }
  return url.protocol === 'https:' && url.hostname ? null : 'notHttps';
}

/** The site a link goes to ("v.douyin.com"), for its chip in the editor. */
export function linkHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url.slice(0, 40);
  }
}

// ---------------------------------------------------------------------------------------------
// Shrinking a phone photo before upload

/** The longest edge kept: plenty to see a gate and its sign on a phone, a few hundred KB as JPEG. */
export const PHOTO_EDGE = 1600;
/** Under this size a photo in an accepted format goes as it is. */
const SMALL_ENOUGH = 1_500_000;
const ACCEPTED = new Set(['image/jpeg', 'image/png', 'image/webp']);

/** `width`×`height` scaled down to fit a `max`×`max` box, never up; at least 1 px each way. */
export function fitWithin(width: number, height: number, max: number): { width: number; height: number } {
  const scale = Math.min(1, max / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * The size to re-encode a photo to (as JPEG), or null to upload the file as it is: small photos in a
 * format the server takes are sent untouched; large or other formats (HEIC, GIF) are redrawn.
 */
export function shrinkPlan(photo: { width: number; height: number; bytes: number; type: string }): { width: number; height: number } | null {
  const accepted = ACCEPTED.has(photo.type.toLowerCase());
  if (accepted && photo.bytes <= SMALL_ENOUGH && Math.max(photo.width, photo.height) <= PHOTO_EDGE) return null;
  return fitWithin(photo.width, photo.height, PHOTO_EDGE);
}

// ---------------------------------------------------------------------------------------------
// The gate's photo in a route's steps

/** The first photo of the gate a route enters by (looked up on the loaded map), or null. */
export function gatePhoto(route: Pick<RouteAnswer, 'gate'>, byId: ReadonlyMap<number, MapFeature>): { url: string; photos: string[]; label: string } | null {
  if (!route.gate) return null;
  const gate = byId.get(route.gate.id);
  if (!gate || gate.properties.kind !== 'gate') return null;
  const { photos } = mediaOf(gate.properties);
  return photos.length ? { url: photos[0]!, photos, label: route.gate.label || gate.properties.label || '' } : null;
}

/**
 * Which step goes in through the gate: the first that names it ("从北门进入"), preferring one that
 * says 进; the first step when none names it (the route starts at the gate); -1 without steps.
 */
export function gateStepIndex(steps: readonly Pick<RouteStep, 'text'>[], gateLabel: string): number {
  if (steps.length === 0) return -1;
  const label = gateLabel.trim();
  if (label) {
    const entering = steps.findIndex((s) => s.text.includes(label) && /进|enter/i.test(s.text));
    if (entering >= 0) return entering;
    const naming = steps.findIndex((s) => s.text.includes(label));
    if (naming >= 0) return naming;
  }
  return 0;
}

/** Draws `bitmap` at `size` on white and encodes it as a JPEG (quality 0.82); null when the browser cannot. */
export async function redrawAsJpeg(bitmap: ImageBitmap, size: { width: number; height: number }): Promise<Blob | null> {
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, size.width, size.height);
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.82));
}
