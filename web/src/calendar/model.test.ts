import { describe, expect, it } from 'vitest';
import { nearestFeeds, webcalOf } from './model';

describe('calendar model', () => {
  it('turns http and https into webcal and leaves other text alone', () => {
    expect(webcalOf('https://youhao.example/api/v1/calendar/abc.ics')).toBe('webcal://youhao.example/api/v1/calendar/abc.ics');
    expect(webcalOf('http://127.0.0.1:8080/api/v1/events.ics?area=110108')).toBe('webcal://127.0.0.1:8080/api/v1/events.ics?area=110108');
    expect(webcalOf('webcal://x/y.ics')).toBe('webcal://x/y.ics');
  });

  it('lists the nearest areas first and keeps at most the limit', () => {
    const feeds = [{ level: 'city' }, { level: 'district' }, { level: 'community' }, { level: 'street' }];
    expect(nearestFeeds(feeds).map((f) => f.level)).toEqual(['community', 'street', 'district']);
    expect(nearestFeeds(feeds, 10).map((f) => f.level)).toEqual(['community', 'street', 'district', 'city']);
    expect(nearestFeeds([])).toEqual([]);
  });
});
