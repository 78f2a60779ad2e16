import { describe, expect, it } from 'vitest';
import type { RouteAnswer } from './geo';
import { dropViews, isPermutation, multiDropRequest, stopProblem, type MultiDropAnswer } from './multidrop';

const leg = (label: string, distance_m: number, duration_s: number): RouteAnswer => ({
  type: 'FeatureCollection',
  features: [],
  distance_m,
  duration_s,
  gate: null,
  parking: null,
  target: { id: 1, label },
  steps: [],
  summary: '',
});

describe('the multi-drop request', () => {
  it('sends the filled rows as addresses and remembers which row each came from', () => {
    expect(multiDropRequest('110108011001001', ['3号楼2单元1102', ' ', ' 1号楼 ', ''], null)).toEqual({
      body: { compound: '110108011001001', stops: ['address:3号楼2单元1102', 'address:1号楼'] },
      rows: [0, 2],
    });
  });

  it('starts where the worker chose', () => {
    expect(multiDropRequest('C', ['a', 'b'], { kind: 'feature', id: 5, label: '北门' }).body.from).toBe('feature:5');
    expect(multiDropRequest('C', ['a', 'b'], { kind: 'gps', lat: 39.99, lon: 116.33 }).body.from).toBe('39.990000,116.330000');
  });
});

describe('problems with a stop', () => {
  it('are put back next to their row, in words the page can translate', () => {
    expect(stopProblem("stops[2]: building 9 is not on this compound's map")).toEqual({ index: 2, problem: { kind: 'not_on_map', building: '9' } });
    expect(stopProblem('stops[0]: the address names no building')).toEqual({ index: 0, problem: { kind: 'no_building' } });
    expect(stopProblem('stops[1]: the address is in 清华园, not in this compound')).toEqual({ index: 1, problem: { kind: 'other_compound', name: '清华园' } });
    expect(stopProblem('stops[3]: feature 7 is not on this map')).toEqual({ index: 3, problem: { kind: 'other', text: 'feature 7 is not on this map' } });
  });

  it('are not claimed when they are about the whole request', () => {
    expect(stopProblem('stops must hold 2 to 10 destinations')).toBeNull();
    expect(stopProblem(undefined)).toBeNull();
    expect(stopProblem('地图上没有“56号楼”：请核对楼号或楼名', 1)).toEqual({ index: 1, problem: { kind: 'other', text: '地图上没有“56号楼”：请核对楼号或楼名' } });
    expect(stopProblem('地图上没有“56号楼”', 'x')).toBeNull();
    expect(stopProblem('')).toBeNull();
  });
});

describe('the planned order', () => {
  it('is a permutation of the stops', () => {
    expect(isPermutation([2, 0, 1], 3)).toBe(true);
    expect(isPermutation([0, 0, 1], 3)).toBe(false);
    expect(isPermutation([0, 1], 3)).toBe(false);
    expect(isPermutation([0, 3, 1], 3)).toBe(false);
    expect(isPermutation([0.5, 1], 2)).toBe(false);
  });

  it('lists the drops in order with their leg and the row they were typed in', () => {
    const answer: MultiDropAnswer = { order: [1, 0, 2], legs: [leg('1号楼1单元', 398, 230), leg('3号楼2单元', 166, 133), leg('', 241, 192)], distance_m: 805, duration_s: 555 };
    // Row 1 was left empty: the stops are rows 0, 2 and 3.
    const views = dropViews(answer, [0, 2, 3], ['3号楼2单元1102', '', '1号楼1单元', ' 东区6号楼 ']);
    expect(views.map((v) => [v.n, v.row, v.address, v.label, v.distance_m])).toEqual([
      [1, 2, '1号楼1单元', '1号楼1单元', 398],
      [2, 0, '3号楼2单元1102', '3号楼2单元', 166],
      [3, 3, '东区6号楼', '东区6号楼', 241],
    ]);
    expect(views[0]!.leg).toBe(answer.legs[0]);
  });

  it('shows nothing for an answer that does not fit the request', () => {
    expect(dropViews({ order: [0, 0], legs: [leg('a', 1, 1), leg('b', 1, 1)], distance_m: 2, duration_s: 2 }, [0, 1], ['a', 'b'])).toEqual([]);
  });
});
