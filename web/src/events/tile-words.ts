/**
 * The words of the events tiles (活动 · 近期 on the worker's home, 活动管理 for organisers), apart
 * from the dictionary (messages.ts spreads them in), so the tiles in the main chunk stay small.
 */

export const tileZh = {
  'tile.events': '活动 · 近期',
  'tile.events.desc': '这周身边的义诊、课堂、节日活动，一键报名',
  'tile.manage': '活动管理',
  'tile.manage.desc': '发布活动、看报名名单、候补和签到',
} as const;

export const tileEn: Record<keyof typeof tileZh, string> = {
  'tile.events': 'Events · this week',
  'tile.events.desc': 'Health checks, classes and festivals near you, one tap to sign up',
  'tile.manage': 'Manage events',
  'tile.manage.desc': 'Publish events, see registrations, waiting lists and check-ins',
};
