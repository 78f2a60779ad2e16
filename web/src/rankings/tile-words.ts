/**
 * The words of this feature's home tiles, apart from its dictionary (messages.ts spreads them in),
 * so that the tiles in the main chunk do not bring the whole dictionary with them.
 */

export const tileZh = {
  'tile.rankings': '月度榜单',
  'tile.rankings.desc': '优秀放餐企业、友好小区',
} as const;

export const tileEn: Record<keyof typeof tileZh, string> = {
  'tile.rankings': 'Monthly lists',
  'tile.rankings.desc': 'Best hand-over merchants, friendliest compounds',
};
