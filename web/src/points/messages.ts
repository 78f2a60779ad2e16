/**
 * The words of the points pages (积分): the worker's 我的积分 and the officers' 积分管理, the
 * offers on a place's page with the redemption screen, and the merchant's 兑换核销. Chinese
 * first, {name} placeholders, the language read from <html lang> (as the other features do).
 */

import { ApiError } from '../shell/api';
import { featureMessages, pageLang } from '../shell/i18n';
import { errorMessageOf } from '../shell/ui';
import { beijingStamp, lastValidDay, serverWords, type OfferBlock } from './model';

const zh = {
  'tile.mine': '我的积分',
  'tile.mine.desc': '积分余额和明细',
  'tile.mine.balance': '余额 {count} 分',
  'tile.admin': '积分管理',
  'tile.admin.desc': '积分总账、积分池，给骑手发积分',

  'unit.points': '分',
  'points.count': '{count} 分',

  'mine.title': '我的积分',
  'mine.balance': '当前积分',
  'mine.earned': '累计获得',
  'mine.history': '积分明细',
  'mine.empty': '还没有积分记录。随手拍被确认、参加志愿服务都能获得积分。',
  'mine.latestOnly': '只显示最近 {count} 条',
  'mine.stale': '旧数据',
  'mine.staleNote': '网络不通：显示的是 {time} 保存的积分，可能不是最新的。',
  'mine.from': '来自 {name}',
  'mine.to': '给 {name}',
  'mine.reverses': '冲正第 {id} 笔',

  'kind.fund': '注资',
  'kind.award': '奖励',
  'kind.spend': '兑换',
  'kind.expire': '过期',
  'kind.reversal': '冲正',
  'kind.hold': '兑换',
  'kind.release': '兑换退回',
  'kind.other': '积分变动',

  'party.issuer': '积分发行',
  'party.pool': '积分池',
  'party.worker': '骑手',
  'party.merchant': '商户',
  'party.sink': '过期清零',
  'party.hold': '待商户确认的兑换',

  'reason.report_confirmed': '随手拍上报被确认',
  'reason.redemption_hold': '积分兑换',
  'reason.redemption_confirmed': '兑换完成',
  'reason.redemption_released': '兑换取消，积分退回',
  'reason.redemption_expired': '兑换超时，积分退回',

  'admin.title': '积分管理',
  'admin.intro': '积分只能从积分池发给骑手。每一笔都记账、不能修改；发错了由市级干部冲正。',
  'admin.ledger': '积分总账',
  'admin.law': '发放 {issued} = 积分池 {pools} + 骑手持有 {workers} + 已兑换 {spent} + 已过期 {expired}',
  'admin.lawHeld': '发放 {issued} = 积分池 {pools} + 骑手持有 {workers}（另有兑换冻结 {held}）+ 已兑换 {spent} + 已过期 {expired}',
  'admin.lawHolds': '账目平衡',
  'admin.lawBroken': '账目不平衡，请联系系统管理员',
  'admin.balancesOff': '{count} 个账户的余额与流水不符，请联系系统管理员',
  'admin.pools': '积分池',
  'admin.poolsEmpty': '还没有积分池',
  'admin.col.pool': '积分池',
  'admin.col.balance': '余额',

  'award.title': '给骑手发积分',
  'award.worker': '骑手',
  'award.searchPlaceholder': '输入骑手姓名',
  'award.find': '搜索',
  'award.searchHint': '按姓名搜索你辖区内的骑手，点“选择”。',
  'award.none': '没有找到这位骑手',
  'award.pick': '选择',
  'award.picked': '已选',
  'award.chosen': '发给：{name}',
  'award.amount': '积分数',
  'award.reason': '原因',
  'award.reasonPlaceholder': '如：协助疏导早高峰交通',
  'award.pool': '从哪个积分池发',
  'award.submit': '发放积分',
  'award.sending': '正在发放…',
  'award.done': '已给 {name} 发放 {amount} 分',
  'award.replayed': '这笔已经发放过（{amount} 分），没有重复计分',
  'award.missingWorker': '请先搜索并选择骑手',
  'award.missingAmount': '请填写 1 以上的整数积分',
  'award.missingReason': '请写明原因',
  'award.network': '网络不通，还不知道是否发放成功。再点一次会用同一个编号重试，不会重复发放。',

  'fund.title': '注资',
  'fund.intro': '给积分池增加积分（预算、爱心单位捐赠），只有市级干部可以注资。',
  'fund.pool': '积分池',
  'fund.amount': '积分数',
  'fund.reason': '来源',
  'fund.reasonPlaceholder': '如：2026年骑手关爱积分预算',
  'fund.submit': '注资',
  'fund.done': '已向 {pool} 注资 {amount} 分',
  'fund.replayed': '这笔注资已经做过（{amount} 分），没有重复计入',

  'reverse.title': '最近发放',
  'reverse.intro': '冲正把积分从骑手退回原积分池；骑手已经用掉的积分无法冲正。',
  'reverse.empty': '最近没有发放记录',
  'reverse.col.time': '时间',
  'reverse.col.by': '发放人',
  'reverse.col.amount': '积分',
  'reverse.col.reason': '原因',
  'reverse.col.action': '操作',
  'reverse.action': '冲正',
  'reverse.reversed': '已冲正',
  'reverse.dialog': '冲正这笔发放',
  'reverse.confirm': '把 {amount} 分（{reason}）从骑手退回积分池？',
  'reverse.reason': '冲正原因',
  'reverse.reasonPlaceholder': '如：误发',
  'reverse.done': '已冲正 {amount} 分',

  'tile.redeem': '兑换核销',
  'tile.redeem.desc': '输入骑手的兑换码，管理兑换项目，下载对账单',

  'offers.title': '积分兑换',
  'offers.balance': '你的积分：{count} 分',
  'offers.stock': '剩 {count} 份',
  'offers.unlimited': '不限量',
  'offers.until': '有效期至 {date}',
  'offers.from': '{date} 起',
  'offers.always': '长期有效',
  'offers.redeem': '兑换',
  'offers.redeeming': '正在兑换…',
  'offers.short': '积分不足（还差 {count} 分）',
  'offers.soldOut': '已兑完',
  'offers.unavailable': '暂不可兑换',
  'offers.paused': '已下架',
  'offers.login': '登录后用积分兑换',
  'offers.workersOnly': '骑手登录后可以用积分兑换',
  'offers.manage': '管理兑换和核销',
  'offers.network': '网络不通，还不知道是否兑换成功。再点一次会用同一个编号重试，不会重复扣分。',
  'offers.held': '你有一个待核销的兑换：{title}',
  'offers.show': '出示兑换码',

  'screen.show': '请把兑换码给商户看',
  'screen.codeLeft': '兑换码 {time} 后失效',
  'screen.codeGone': '兑换码已失效，请点“换一个码”',
  'screen.fresh': '换一个码',
  'screen.freshing': '正在换码…',
  'screen.holdLeft': '{points} 分已冻结，{time} 内没有核销会自动退回',
  'screen.cancel': '取消兑换',
  'screen.cancelling': '正在取消…',
  'screen.close': '关闭',
  'screen.done': '兑换成功',
  'screen.doneText': '{title}，已使用 {points} 分',
  'screen.released': '已取消兑换',
  'screen.releasedText': '{points} 分已退回你的积分',
  'screen.expired': '兑换已超时',
  'screen.expiredText': '商户没有及时核销，{points} 分已退回你的积分',
  'screen.finish': '完成',
  'screen.offline': '网络不通，正在重试…',

  'status.held': '待核销',
  'status.confirmed': '已兑换',
  'status.released': '已取消',
  'status.expired': '超时退回',

  'mine.redemptions': '我的兑换',
  'mine.redemptionsEmpty': '还没有兑换。可以到友好场所用积分换午餐、充电等。',
  'mine.nearby': '附近可兑换',

  'desk.title': '兑换核销',
  'desk.intro': '请骑手打开手机上的兑换码，输入 8 位数字，点“核销”。',
  'desk.code': '兑换码',
  'desk.codePlaceholder': '8 位数字',
  'desk.submit': '核销',
  'desk.sending': '正在核销…',
  'desk.badCode': '请输入骑手手机上的 8 位数字',
  'desk.ok': '核销成功',
  'desk.okText': '{title} · {points} 分 · {place}',
  'desk.refused': '不能核销',
  'desk.network': '网络不通，还不知道是否核销成功。再点一次“核销”：已核销的会提示“已经用过”。',
  'desk.today': '今天的核销',
  'desk.todayEmpty': '今天还没有核销',
  'desk.todayTotal': '今天共 {count} 笔，{points} 分',
  'desk.noPlaces': '你还没有场所。先在首页“我的场所”登记，审核通过后就能上架兑换。',
  'desk.statements': '对账单',
  'desk.statementHint': '每月一份：每一笔已核销的兑换和合计，可用 Excel 打开。',
  'desk.thisMonth': '本月对账单（{month}）',
  'desk.lastMonth': '上月对账单（{month}）',
  'desk.offers': '兑换项目',
  'desk.offersEmpty': '还没有兑换项目',
  'desk.pending': '场所审核通过后，骑手才能兑换',
  'desk.active': '上架中',
  'desk.inactive': '已下架',
  'desk.pause': '下架',
  'desk.resume': '上架',
  'desk.add': '新增兑换项目',
  'desk.addTitle': '名称',
  'desk.addTitlePlaceholder': '如：骑手午餐套餐',
  'desk.addPrice': '所需积分',
  'desk.addStock': '库存（不填为不限量）',
  'desk.addUntil': '有效期至（不填为长期）',
  'desk.addSubmit': '上架',
  'desk.added': '已上架：{title}',
  'desk.missingTitle': '请填写名称',
  'desk.badStock': '库存请填 0 以上的整数，或不填',
  'desk.badUntil': '请选择有效的日期',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'tile.mine': 'My points',
  'tile.mine.desc': 'Balance and history',
  'tile.mine.balance': 'Balance {count}',
  'tile.admin': 'Points',
  'tile.admin.desc': 'The ledger, the pools, points for riders',

  'unit.points': 'points',
  'points.count': '{count} points',

  'mine.title': 'My points',
  'mine.balance': 'Balance',
  'mine.earned': 'Earned in all',
  'mine.history': 'History',
  'mine.empty': 'No points yet. A confirmed report or volunteering earns points.',
  'mine.latestOnly': 'The latest {count} only',
  'mine.stale': 'Old data',
  'mine.staleNote': 'No network: these are the points saved at {time}; they may be out of date.',
  'mine.from': 'From {name}',
  'mine.to': 'To {name}',
  'mine.reverses': 'Reverses no. {id}',

  'kind.fund': 'Funding',
  'kind.award': 'Award',
  'kind.spend': 'Redeemed',
  'kind.expire': 'Expired',
  'kind.reversal': 'Reversal',
  'kind.hold': 'Redemption',
  'kind.release': 'Redemption released',
  'kind.other': 'Change',

  'party.issuer': 'Issuer',
  'party.pool': 'Points pool',
  'party.worker': 'Rider',
  'party.merchant': 'Merchant',
  'party.sink': 'Expiry',
  'party.hold': 'Redemption awaiting the merchant',

  'reason.report_confirmed': 'Report confirmed',
  'reason.redemption_hold': 'Points redeemed',
  'reason.redemption_confirmed': 'Redeemed',
  'reason.redemption_released': 'Redemption cancelled, points back',
  'reason.redemption_expired': 'Redemption timed out, points back',

  'admin.title': 'Points',
  'admin.intro': 'Points go from a pool to riders. Every transfer is booked and never edited; a mistake is reversed by a city officer.',
  'admin.ledger': 'The ledger',
  'admin.law': 'Issued {issued} = pools {pools} + riders hold {workers} + redeemed {spent} + expired {expired}',
  'admin.lawHeld': 'Issued {issued} = pools {pools} + riders hold {workers} (and {held} held for redemptions) + redeemed {spent} + expired {expired}',
  'admin.lawHolds': 'Balanced',
  'admin.lawBroken': 'Out of balance: tell the administrator',
  'admin.balancesOff': '{count} accounts differ from their transfers: tell the administrator',
  'admin.pools': 'Pools',
  'admin.poolsEmpty': 'No pools yet',
  'admin.col.pool': 'Pool',
  'admin.col.balance': 'Balance',

  'award.title': 'Award points to a rider',
  'award.worker': 'Rider',
  'award.searchPlaceholder': 'Rider’s name',
  'award.find': 'Search',
  'award.searchHint': 'Search the riders of your area by name and tap Choose.',
  'award.none': 'No such rider',
  'award.pick': 'Choose',
  'award.picked': 'Chosen',
  'award.chosen': 'To: {name}',
  'award.amount': 'Points',
  'award.reason': 'Reason',
  'award.reasonPlaceholder': 'e.g. helped with the morning traffic',
  'award.pool': 'Paid from the pool',
  'award.submit': 'Award points',
  'award.sending': 'Awarding…',
  'award.done': 'Awarded {amount} points to {name}',
  'award.replayed': 'This award was made already ({amount} points); nothing was paid twice',
  'award.missingWorker': 'Search for the rider and choose one first',
  'award.missingAmount': 'Enter a whole number of points, 1 or more',
  'award.missingReason': 'Say why',
  'award.network': 'No network: not known whether it went through. Tap again to retry with the same number; it will not pay twice.',

  'fund.title': 'Fund a pool',
  'fund.intro': 'Adds points to a pool (a budget, a sponsor’s gift); city officers only.',
  'fund.pool': 'Pool',
  'fund.amount': 'Points',
  'fund.reason': 'Source',
  'fund.reasonPlaceholder': 'e.g. 2026 rider care budget',
  'fund.submit': 'Fund',
  'fund.done': 'Funded {pool} with {amount} points',
  'fund.replayed': 'This funding was made already ({amount} points); nothing was added twice',

  'reverse.title': 'Recent awards',
  'reverse.intro': 'A reversal moves the points from the rider back to the pool; points the rider has spent cannot be reversed.',
  'reverse.empty': 'No recent awards',
  'reverse.col.time': 'Time',
  'reverse.col.by': 'By',
  'reverse.col.amount': 'Points',
  'reverse.col.reason': 'Reason',
  'reverse.col.action': 'Action',
  'reverse.action': 'Reverse',
  'reverse.reversed': 'Reversed',
  'reverse.dialog': 'Reverse this award',
  'reverse.confirm': 'Move {amount} points ({reason}) from the rider back to the pool?',
  'reverse.reason': 'Why',
  'reverse.reasonPlaceholder': 'e.g. awarded by mistake',
  'reverse.done': 'Reversed {amount} points',

  'tile.redeem': 'Redemptions',
  'tile.redeem.desc': 'Type a rider’s code, manage your offers, download the statement',

  'offers.title': 'Redeem points',
  'offers.balance': 'Your points: {count}',
  'offers.stock': '{count} left',
  'offers.unlimited': 'Unlimited',
  'offers.until': 'Valid through {date}',
  'offers.from': 'From {date}',
  'offers.always': 'No end date',
  'offers.redeem': 'Redeem',
  'offers.redeeming': 'Redeeming…',
  'offers.short': 'Not enough points ({count} short)',
  'offers.soldOut': 'Sold out',
  'offers.unavailable': 'Not available now',
  'offers.paused': 'Paused',
  'offers.login': 'Log in to redeem points',
  'offers.workersOnly': 'Riders who log in can redeem points here',
  'offers.manage': 'Manage offers and redemptions',
  'offers.network': 'No network: not known whether it went through. Tap again to retry with the same number; nothing is taken twice.',
  'offers.held': 'A redemption waits for the merchant: {title}',
  'offers.show': 'Show the code',

  'screen.show': 'Show this code to the merchant',
  'screen.codeLeft': 'The code expires in {time}',
  'screen.codeGone': 'The code has expired: tap “New code”',
  'screen.fresh': 'New code',
  'screen.freshing': 'Getting a new code…',
  'screen.holdLeft': '{points} points are held; not confirmed within {time}, they go back',
  'screen.cancel': 'Cancel the redemption',
  'screen.cancelling': 'Cancelling…',
  'screen.close': 'Close',
  'screen.done': 'Redeemed',
  'screen.doneText': '{title}: {points} points used',
  'screen.released': 'Redemption cancelled',
  'screen.releasedText': '{points} points are back in your balance',
  'screen.expired': 'Redemption timed out',
  'screen.expiredText': 'The merchant did not confirm in time: {points} points are back in your balance',
  'screen.finish': 'Done',
  'screen.offline': 'No network, retrying…',

  'status.held': 'Waiting',
  'status.confirmed': 'Redeemed',
  'status.released': 'Cancelled',
  'status.expired': 'Timed out',

  'mine.redemptions': 'My redemptions',
  'mine.redemptionsEmpty': 'No redemptions yet. Friendly places give a lunch or a charge for points.',
  'mine.nearby': 'Redeem nearby',

  'desk.title': 'Redemptions',
  'desk.intro': 'Ask the rider to open the code on the phone, type the 8 digits and tap Confirm.',
  'desk.code': 'Code',
  'desk.codePlaceholder': '8 digits',
  'desk.submit': 'Confirm',
  'desk.sending': 'Confirming…',
  'desk.badCode': 'Type the 8 digits on the rider’s phone',
  'desk.ok': 'Confirmed',
  'desk.okText': '{title} · {points} points · {place}',
  'desk.refused': 'Not confirmed',
  'desk.network': 'No network: not known whether it was confirmed. Tap Confirm again: a confirmed code says “used already”.',
  'desk.today': 'Confirmed today',
  'desk.todayEmpty': 'Nothing confirmed today',
  'desk.todayTotal': '{count} today, {points} points',
  'desk.noPlaces': 'You have no place yet. Register it under My places on the home page; once approved, list offers.',
  'desk.statements': 'Statements',
  'desk.statementHint': 'One a month: every confirmed redemption and the total; opens in Excel.',
  'desk.thisMonth': 'This month’s statement ({month})',
  'desk.lastMonth': 'Last month’s statement ({month})',
  'desk.offers': 'Offers',
  'desk.offersEmpty': 'No offers yet',
  'desk.pending': 'Riders can redeem once the place is approved',
  'desk.active': 'Listed',
  'desk.inactive': 'Paused',
  'desk.pause': 'Pause',
  'desk.resume': 'List again',
  'desk.add': 'New offer',
  'desk.addTitle': 'Title',
  'desk.addTitlePlaceholder': 'e.g. rider’s lunch set',
  'desk.addPrice': 'Points',
  'desk.addStock': 'Stock (empty: unlimited)',
  'desk.addUntil': 'Valid through (empty: no end)',
  'desk.addSubmit': 'List it',
  'desk.added': 'Listed: {title}',
  'desk.missingTitle': 'Give it a title',
  'desk.badStock': 'Stock: a whole number from 0, or empty',
  'desk.badUntil': 'Choose a real date',
};

export type PointsMessageKey = Key;
export const pointsDictionaries = { zh, en } as const;

export const lang = pageLang;
const messages = featureMessages(pointsDictionaries);
export const tpt = messages.t;
const maybe = messages.maybe;

/** A transfer kind in words (award → 奖励). */
export function kindText(kind: string): string {
  return maybe(`kind.${kind}`, tpt('kind.other'));
}

/** The other side of a history line: its name, or what it is when it has none (the expiry sink). */
export function counterpartyText(name: string, kind: string): string {
  return name.trim() || maybe(`party.${kind}`, tpt('party.pool'));
}

/** A reason as people read it: the server's own reasons are keys (report_confirmed); officers' are text. */
export function reasonText(reason: string): string {
  return /^[a-z_]+$/.test(reason) ? maybe(`reason.${reason}`, reason) : reason;
}

/** A redemption's status in words (held → 待核销). */
export function statusText(status: string): string {
  return maybe(`status.${status}`, status);
}

/** Why an offer cannot be redeemed, in words (积分不足（还差 5 分）). */
export function offerBlockText(block: OfferBlock, short: number): string {
  switch (block) {
    case 'paused':
      return tpt('offers.paused');
    case 'sold_out':
      return tpt('offers.soldOut');
    case 'short':
      return tpt('offers.short', { count: short });
    default:
      return tpt('offers.unavailable');
  }
}

/** An offer's stock and validity in words: 剩 12 份 · 有效期至 2026-12-31. */
export function offerTerms(offer: { stock: number | null; valid_from: number; valid_until: number | null }, nowSeconds: number): string {
  const parts = [offer.stock === null ? tpt('offers.unlimited') : tpt('offers.stock', { count: offer.stock })];
  if (offer.valid_from > nowSeconds) parts.push(tpt('offers.from', { date: beijingStamp(offer.valid_from).slice(0, 10) }));
  parts.push(offer.valid_until === null ? tpt('offers.always') : tpt('offers.until', { date: lastValidDay(offer.valid_until) }));
  return parts.join(' · ');
}

/**
 * What to tell a person about a failed call: the network note `networkKey` when the network
 * failed, else the server's own sentence when the page can show it (积分不足…), else the shell's.
 */
export function refusalText(error: unknown, networkKey: Key | null = null): string {
  if (error instanceof ApiError) {
    if (error.status === 0 && networkKey) return tpt(networkKey);
    return serverWords(error.detail, lang()) ?? errorMessageOf(error);
  }
  return errorMessageOf(error);
}
