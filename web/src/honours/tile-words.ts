/**
 * The words of this feature's home tiles, apart from its dictionary (messages.ts spreads them in),
 * so that the tiles in the main chunk do not bring the whole dictionary with them.
 */

export const tileZh = {
  'mine.tile.desc': '我的提名、获奖和证书',
  'mine.title': '我的荣誉',
  'tile.desc': '最美骑手、最美快递人投票，看获奖名单',
  'tile.title': '评选表彰',
} as const;

export const tileEn: Record<keyof typeof tileZh, string> = {
  'mine.tile.desc': 'My nominations, awards and certificates',
  'mine.title': 'My honours',
  'tile.desc': 'Vote for the best riders and couriers, see the winners',
  'tile.title': 'Honours',
};
