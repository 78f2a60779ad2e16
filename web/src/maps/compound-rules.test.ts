import { describe, expect, it } from 'vitest';
import type { AccessSummary } from './api';
import { rulesView } from './compound-rules';

const access = (extra: Partial<AccessSummary> = {}): AccessSummary => ({
  mode: 'pass',
  opening_hours: 'Mo-Fr 08:00-20:00; PH off',
  opening_hours_zh: '周一至周五 08:00-20:00；法定节假日不开放',
  always_open: false,
  open_now: true,
  today: 'ordinary',
  max_stay_minutes: 20,
  drop_off_points: [],
  green_lane_gates: [],
  ...extra,
});

describe('the rules before the gate', () => {
  it('says 集中放取 and where orders go, and never "you may enter", for a drop-off only compound', () => {
    const view = rulesView(
      access({ mode: 'drop_off', opening_hours: '24/7', opening_hours_zh: '全天 24 小时开放', always_open: true, drop_off_points: [{ name: '北门集中放取点', description: '岗亭东侧外卖柜' }] }),
      'zh',
    );
    expect(view.label).toBe('集中放取 · 骑手不进小区');
    expect(view.timed).toBe(false);
    expect(view.hours).toBe('开放时间：全天 24 小时开放');
    expect(view.openNow).toBeNull();
    expect(view.details).toEqual(['放取点：北门集中放取点（岗亭东侧外卖柜）']);
  });

  it('marks set hours 限时 and says whether riders may enter now, with the day the calendar says', () => {
    const holiday = rulesView(access({ open_now: false, today: 'holiday' }), 'zh');
    expect(holiday.label).toBe('可进入 · 出示进门码');
    expect(holiday.timed).toBe(true);
    expect(holiday.hours).toBe('开放时间：周一至周五 08:00-20:00；法定节假日不开放');
    expect(holiday.openNow).toBe(false);
    expect(holiday.today).toBe('今天是法定节假日');
    expect(holiday.details).toEqual(['最长停留 20 分钟']);
    expect(rulesView(access({ today: 'workday' }), 'zh').today).toBe('今天调休上班');
    expect(rulesView(access(), 'zh').today).toBeNull();
  });

  it('names the green-lane gates and the mode of each plan', () => {
    const view = rulesView(access({ mode: 'green_lane', green_lane_gates: ['地下车库入口', '西门'] }), 'zh');
    expect(view.details).toContain('骑手通道：地下车库入口、西门');
    expect(rulesView(access({ mode: 'whitelist' }), 'zh').label).toBe('仅限常驻骑手进入');
    expect(rulesView(access({ mode: 'open' }), 'zh').details).toEqual([]);
  });

  it('treats hours that do not read as closed, in words', () => {
    const view = rulesView(access({ opening_hours: 'Mo-Fr 8-20', opening_hours_zh: null, open_now: false }), 'zh');
    expect(view.hours).toBe('开放时间无法识别，暂按不开放处理');
    expect(view.openNow).toBe(false);
    expect(rulesView(access({ opening_hours_zh: null }), 'en').hours).toBe('开放时间无法识别，暂按不开放处理');
  });

  it('shows the hours as written when the page is in English', () => {
    expect(rulesView(access(), 'en').hours).toContain('Mo-Fr 08:00-20:00; PH off');
  });
});
