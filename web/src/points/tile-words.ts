/**
 * The words of this feature's home tiles, apart from its dictionary (messages.ts spreads them in),
 * so that the tiles in the main chunk do not bring the whole dictionary with them.
 */

export const tileZh = {
  'tile.mine': '我的积分',
  'tile.mine.balance': '余额 {count} 分',
  'tile.mine.desc': '积分余额和明细',
  'tile.redeem': '兑换核销',
  'tile.redeem.desc': '输入骑手的兑换码，管理兑换项目，下载对账单',
} as const;

export const tileEn: Record<keyof typeof tileZh, string> = {
  'tile.mine': 'My points',
  'tile.mine.balance': 'Balance {count}',
  'tile.mine.desc': 'Balance and history',
  'tile.redeem': 'Redemptions',
  'tile.redeem.desc': 'Type a rider’s code, manage your offers, download the statement',
};
