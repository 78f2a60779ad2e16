/**
 * The words of this feature's home tiles, apart from its dictionary (messages.ts spreads them in),
 * so that the tiles in the main chunk do not bring the whole dictionary with them.
 */

export const tileZh = {
  'tile.queue': '心愿审核',
  'tile.queue.desc': '核实本社区骑手的微心愿',
  'tile.sponsor': '心愿墙',
  'tile.sponsor.desc': '认领骑手的微心愿',
  'tile.worker': '我的心愿',
  'tile.worker.desc': '说出一个小心愿，爱心单位帮你实现',
} as const;

export const tileEn: Record<keyof typeof tileZh, string> = {
  'tile.queue': 'Wishes to check',
  'tile.queue.desc': "Check the micro-wishes of your area's riders",
  'tile.sponsor': 'Wish wall',
  'tile.sponsor.desc': "Claim riders' micro-wishes",
  'tile.worker': 'My wishes',
  'tile.worker.desc': 'Ask for something small: a sponsor makes it come true',
};
