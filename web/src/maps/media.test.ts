import { describe, expect, it } from 'vitest';
import type { MapFeature } from './geo';
import { addMedia, fitWithin, gatePhoto, gateStepIndex, isPhotoUrl, linkHost, MAX_MEDIA, mediaOf, removeMedia, shrinkPlan, takesMedia, videoUrlProblem } from './media';

/** Uploads as the server names them: by a 22-character public id. */
const upload = (n: number): string => `/api/v1/map-media/${String(n).padStart(4, '0')}kQ7dZp3xVwR9sT-_Yb`;

describe('which media are photos', () => {
  it('shows uploads and image files on this site as photos', () => {
    expect(isPhotoUrl(upload(12))).toBe(true);
    expect(isPhotoUrl(` ${upload(12)} `)).toBe(true);
    expect(isPhotoUrl('/media/gate-7.jpg')).toBe(true);
    expect(isPhotoUrl('/media/gate-7.JPEG?v=2')).toBe(true);
    expect(isPhotoUrl('/media/gate.webp')).toBe(true);
  });

  it('links everything else: videos, pages, other sites (the CSP loads no outside images)', () => {
    expect(isPhotoUrl('https://v.douyin.com/abc/')).toBe(false);
    expect(isPhotoUrl('https://example.com/gate.jpg')).toBe(false);
    expect(isPhotoUrl('//example.com/gate.jpg')).toBe(false);
    expect(isPhotoUrl(`${upload(12)}/extra`)).toBe(false);
    expect(isPhotoUrl('/api/v1/map-media/12')).toBe(false); // a row number is no photo's address
    expect(isPhotoUrl(`${upload(12)}X`)).toBe(false);
    expect(isPhotoUrl('/media/route.mp4')).toBe(false);
    expect(isPhotoUrl('')).toBe(false);
  });

  it('splits a feature’s media, dropping empty entries', () => {
    expect(mediaOf({ media: [upload(1), 'https://b23.tv/x', ' ', '/a.png'] })).toEqual({ photos: [upload(1), '/a.png'], links: ['https://b23.tv/x'] });
    expect(mediaOf({})).toEqual({ photos: [], links: [] });
    expect(mediaOf({ media: null })).toEqual({ photos: [], links: [] });
  });

  it('offers photos for gates, doors, paths, parking and drop-off points', () => {
    expect(['gate', 'entrance', 'path', 'parking', 'drop_off'].every((k) => takesMedia(k as never))).toBe(true);
    expect(takesMedia('building')).toBe(false);
    expect(takesMedia('boundary')).toBe(false);
  });
});

describe('the media list', () => {
  it('appends once and refuses past the limit', () => {
    expect(addMedia(undefined, upload(1))).toEqual([upload(1)]);
    expect(addMedia(['a'], ' b ')).toEqual(['a', 'b']);
    expect(addMedia(['a', 'b'], 'a')).toEqual(['a', 'b']);
    expect(addMedia(['a'], '  ')).toEqual(['a']);
    const full = Array.from({ length: MAX_MEDIA }, (_, i) => `/m/${i}.jpg`);
    expect(addMedia(full, '/m/x.jpg')).toBeNull();
    expect(addMedia(full, '/m/3.jpg')).toEqual(full);
  });

  it('removes by URL without touching the original', () => {
    const list = ['a', 'b', 'c'];
    expect(removeMedia(list, 'b')).toEqual(['a', 'c']);
    expect(list).toEqual(['a', 'b', 'c']);
    expect(removeMedia(undefined, 'b')).toEqual([]);
  });

  it('keeps video links https only and as long as the server allows', () => {
    expect(videoUrlProblem('https://v.douyin.com/iRNBho6u/')).toBeNull();
    expect(videoUrlProblem('  https://b23.tv/BV1xx  ')).toBeNull();
    expect(videoUrlProblem('')).toBe('empty');
    expect(videoUrlProblem('http://example.com/v.mp4')).toBe('notHttps');
    expect(videoUrlProblem('javascript:alert(1)')).toBe('notHttps');
    expect(videoUrlProblem('v.douyin.com/abc')).toBe('notHttps');
    expect(videoUrlProblem(`https://example.com/${'a'.repeat(500)}`)).toBe('tooLong');
    expect(linkHost('https://www.example.com/v/1')).toBe('example.com');
    expect(linkHost('not a url')).toBe('not a url');
  });
});

describe('shrinking a photo before upload', () => {
  it('fits within a box, never enlarging', () => {
    expect(fitWithin(4032, 3024, 1600)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032, 1600)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(800, 600, 1600)).toEqual({ width: 800, height: 600 });
    expect(fitWithin(10000, 1, 1600)).toEqual({ width: 1600, height: 1 });
    expect(fitWithin(0, 0, 1600)).toEqual({ width: 1, height: 1 });
  });

  it('sends small photos as they are and redraws large or unusual ones', () => {
    expect(shrinkPlan({ width: 160, height: 120, bytes: 2_000, type: 'image/png' })).toBeNull();
    expect(shrinkPlan({ width: 1600, height: 1200, bytes: 900_000, type: 'image/jpeg' })).toBeNull();
    expect(shrinkPlan({ width: 4032, height: 3024, bytes: 3_200_000, type: 'image/jpeg' })).toEqual({ width: 1600, height: 1200 });
    expect(shrinkPlan({ width: 1200, height: 900, bytes: 2_500_000, type: 'image/png' })).toEqual({ width: 1200, height: 900 });
    expect(shrinkPlan({ width: 1200, height: 900, bytes: 400_000, type: 'image/heic' })).toEqual({ width: 1200, height: 900 });
    expect(shrinkPlan({ width: 300, height: 200, bytes: 40_000, type: 'image/gif' })).toEqual({ width: 300, height: 200 });
  });
});

describe('the gate’s photo in the steps', () => {
  const gate = (id: number, media?: string[], kind: 'gate' | 'parking' = 'gate'): MapFeature => ({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [116.33, 39.99] }, properties: { kind, label: '北门', media } });
  const byId = new Map<number, MapFeature>([
    [5, gate(5, ['https://v.douyin.com/x', upload(3), upload(4)])],
    [6, gate(6)],
    [7, gate(7, [upload(9)], 'parking')],
  ]);

  it('is the first photo of the gate the route enters by', () => {
    expect(gatePhoto({ gate: { id: 5, label: '北门' } }, byId)).toEqual({ url: upload(3), photos: [upload(3), upload(4)], label: '北门' });
    expect(gatePhoto({ gate: { id: 6, label: '北门' } }, byId)).toBeNull();
    expect(gatePhoto({ gate: { id: 7, label: 'P' } }, byId)).toBeNull();
    expect(gatePhoto({ gate: { id: 99, label: '南门' } }, byId)).toBeNull();
    expect(gatePhoto({ gate: null }, byId)).toBeNull();
  });

  it('goes on the step that enters through the gate', () => {
    const steps = [{ text: '骑行到北门' }, { text: '从北门进入' }, { text: '直行80米' }];
    expect(gateStepIndex(steps, '北门')).toBe(1);
    expect(gateStepIndex([{ text: '直行80米' }, { text: '北门右转' }], '北门')).toBe(1);
    expect(gateStepIndex([{ text: '直行80米' }], '北门')).toBe(0);
    expect(gateStepIndex([{ text: '直行80米' }], '')).toBe(0);
    expect(gateStepIndex([], '北门')).toBe(-1);
  });
});
