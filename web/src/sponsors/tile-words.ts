/**
 * The words of this feature's home tiles, apart from its dictionary (messages.ts spreads them in),
 * so that the tiles in the main chunk do not bring the whole dictionary with them.
 */

export const tileZh = {
  'tile.drives': '一本书的旅行',
  'tile.drives.desc': '募集进度、收集点和登记',
  'tile.list': '爱心单位',
  'tile.list.desc': '爱心单位和它们的积分池',
  'tile.mine': '我的爱心单位',
  'tile.mine.desc': '认捐积分，看看积分变成了什么',
} as const;

export const tileEn: Record<keyof typeof tileZh, string> = {
  'tile.drives': "A book's journey",
  'tile.drives.desc': 'Progress, drop points and logging',
  'tile.list': 'Sponsors',
  'tile.list.desc': 'Sponsors and their points pools',
  'tile.mine': 'My sponsor',
  'tile.mine.desc': 'Pledge points, see what they became',
};
