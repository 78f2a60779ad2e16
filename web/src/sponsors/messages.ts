/**
 * The words of the sponsor and drive pages (爱心单位 · 一本书的旅行): the list, a sponsor's page,
 * the pledge form, the city's confirmations, and the drives with their drop points. Chinese first,
 * {name} placeholders, the language read from <html lang> (as the other features do).
 */

import { ApiError } from '../shell/api';
import { featureMessages, pageLang } from '../shell/i18n';
import { errorMessageOf, serverWords } from '../shell/ui';
import { tileEn, tileZh } from './tile-words';

const zh = {
  ...tileZh,

  'list.title': '爱心单位',
  'list.intro': '企业、党建联盟和商户出资设立积分池，骑手的积分和午餐都从这里来。',
  'list.mine': '我的单位',
  'list.mine.open': '查看我的单位',
  'list.empty': '还没有爱心单位。',
  'list.pool': '积分池 {count} 分',
  'list.open': '待确认的认捐',
  'list.open.empty': '没有待确认的认捐。',
  'list.open.line': '{sponsor} 认捐 {count} 分',

  'kind.company': '企业',
  'kind.alliance': '党建联盟',
  'kind.merchant': '商户',
  'kind.other': '其他',

  'page.funded': '已注入积分',
  'page.balance': '积分池余额',
  'page.awarded': '发给骑手',
  'page.awards': '{count} 次奖励',
  'page.meals': '兑换份数',
  'page.wishes': '实现微心愿',
  'page.drives': '参与募集',
  'page.served': '它买单的兑换',
  'page.served.empty': '还没有它买单的兑换。',
  'page.served.line': '{place} · {count} 份 · {points} 分',
  'page.drives.title': '参与的募集活动',
  'page.drives.line': '{items} 件',
  'page.pledges': '认捐记录',
  'page.pledges.empty': '还没有认捐。',
  'page.members': '联络人',
  'unit.points': '分',
  'unit.times': '份',
  'unit.items': '件',
  'unit.count': '个',

  'pledge.title': '认捐积分',
  'pledge.intro': '认捐后由市级专班确认，积分才会进入本单位的积分池。',
  'pledge.amount': '认捐积分',
  'pledge.note': '备注（可不填）',
  'pledge.submit': '提交认捐',
  'pledge.sent': '已提交认捐 {count} 分，等待市级专班确认。',
  'pledge.badAmount': '请填 1 到 1000 万之间的整数',

  'status.pledged': '待确认',
  'status.funded': '已注入',
  'status.declined': '未通过',

  'decide.fund': '确认注入',
  'decide.decline': '不通过',
  'decide.funded': '已确认：{count} 分进入 {sponsor} 的积分池',
  'decide.declined': '已标记为不通过',

  'drives.title': '一本书的旅行',
  'drives.intro': '把读过的好书送到驿站，交给快递员、外卖骑手的孩子。',
  'drives.empty': '现在没有募集活动。',
  'drives.collected': '已收集',
  'drives.handedOut': '已送出',
  'drives.organisations': '参与单位',
  'drives.goal': '目标 {count} 件',
  'drives.progress': '{collected} / {goal} 件',
  'drives.progressNoGoal': '已收集 {collected} 件',
  'drives.running': '进行中',
  'drives.ended': '已结束',
  'drives.points': '收集点',
  'drives.point.line': '收 {collected} · 送 {handed} · 在站 {onHand}',
  'drives.orgs': '捐赠单位',
  'drives.collects': '募集：{what}',

  'log.title': '登记',
  'log.in': '收到捐赠',
  'log.out': '送出',
  'log.organisation': '捐赠单位',
  'log.count': '数量',
  'log.recipient': '送给谁（只选类别，不写姓名）',
  'log.note': '备注（可不填）',
  'log.submit': '登记',
  'log.done': '已登记',
  'log.badCount': '请填 1 到 100000 之间的整数',
  'log.noOrganisation': '请写捐赠单位',

  'recipient.worker_child': '骑手的孩子',
  'recipient.worker_family': '骑手家庭',
  'recipient.reading_corner': '驿站阅读角',
  'recipient.other': '其他',

  'new.title': '新建爱心单位',
  'new.intro': '建好后，把爱心单位角色的账号添加为它的联络人；积分池随之开设。',
  'new.name': '名称',
  'new.kind': '类别',
  'new.intro.label': '简介（可不填）',
  'new.submit': '新建',
  'new.missingName': '请填写名称',
  'new.done': '已新建：{name}',

  'members.empty': '还没有联络人。',
  'members.add': '添加成员',
  'members.pick': '选择账号（本辖区的爱心单位角色）',
  'members.none': '本辖区没有可添加的爱心单位角色账号：请先在账号管理中新建。',
  'members.submit': '添加',
  'members.done': '已添加：{name}',
  'members.loading': '正在读取账号…',

  'drive.new': '新建募集活动',
  'drive.title': '活动名称',
  'drive.story': '活动故事（可不填）',
  'drive.collects': '募集什么',
  'drive.collectsPlaceholder': '如：适合小学生的课外书',
  'drive.goal': '目标数量（可不填）',
  'drive.from': '开始日期',
  'drive.to': '结束日期（含当天）',
  'drive.points': '收集点（选本辖区的驿站）',
  'drive.noStations': '本辖区还没有审核通过的驿站。',
  'drive.submit': '发布',
  'drive.done': '已发布：{title}',
  'drive.missingTitle': '请填写活动名称',
  'drive.missingCollects': '请写明募集什么',
  'drive.badGoal': '目标请填 1 到 1000 万之间的整数，或不填',
  'drive.badDates': '请选择开始和结束日期，结束不能早于开始',
  'drive.noPoints': '请选 1 到 20 个收集点',

  'error.network': '网络不通，请稍后再试。',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  ...tileEn,

  'list.title': 'Sponsors',
  'list.intro': "Companies, party-building alliances and merchants fund points pools: riders' points and lunches come from here.",
  'list.mine': 'My sponsor',
  'list.mine.open': 'Open my sponsor',
  'list.empty': 'No sponsors yet.',
  'list.pool': 'Pool {count} points',
  'list.open': 'Pledges to confirm',
  'list.open.empty': 'No pledges to confirm.',
  'list.open.line': '{sponsor} pledges {count} points',

  'kind.company': 'Company',
  'kind.alliance': 'Alliance',
  'kind.merchant': 'Merchant',
  'kind.other': 'Other',

  'page.funded': 'Points funded',
  'page.balance': 'Pool balance',
  'page.awarded': 'Given to riders',
  'page.awards': '{count} awards',
  'page.meals': 'Redemptions served',
  'page.wishes': 'Wishes fulfilled',
  'page.drives': 'Drives joined',
  'page.served': 'Offers it pays for',
  'page.served.empty': 'No offers it pays for yet.',
  'page.served.line': '{place} · {count} served · {points} points',
  'page.drives.title': 'Drives it joined',
  'page.drives.line': '{items} items',
  'page.pledges': 'Pledges',
  'page.pledges.empty': 'No pledges yet.',
  'page.members': 'Contacts',
  'unit.points': 'points',
  'unit.times': 'served',
  'unit.items': 'items',
  'unit.count': '',

  'pledge.title': 'Pledge points',
  'pledge.intro': "The city's team confirms a pledge; only then do the points enter this sponsor's pool.",
  'pledge.amount': 'Points',
  'pledge.note': 'Note (optional)',
  'pledge.submit': 'Pledge',
  'pledge.sent': 'Pledged {count} points: waiting for the city to confirm.',
  'pledge.badAmount': 'A whole number from 1 to 10,000,000',

  'status.pledged': 'Waiting',
  'status.funded': 'Funded',
  'status.declined': 'Declined',

  'decide.fund': 'Confirm',
  'decide.decline': 'Decline',
  'decide.funded': "Confirmed: {count} points into {sponsor}'s pool",
  'decide.declined': 'Declined',

  'drives.title': "A book's journey",
  'drives.intro': "Bring the good books you have read to a station: they go to couriers' and riders' children.",
  'drives.empty': 'No drives now.',
  'drives.collected': 'Collected',
  'drives.handedOut': 'Handed out',
  'drives.organisations': 'Organisations',
  'drives.goal': 'Goal {count} items',
  'drives.progress': '{collected} / {goal} items',
  'drives.progressNoGoal': '{collected} items collected',
  'drives.running': 'Running',
  'drives.ended': 'Ended',
  'drives.points': 'Drop points',
  'drives.point.line': 'in {collected} · out {handed} · here {onHand}',
  'drives.orgs': 'Who gave',
  'drives.collects': 'Collecting: {what}',

  'log.title': 'Log',
  'log.in': 'Received',
  'log.out': 'Handed out',
  'log.organisation': 'Organisation',
  'log.count': 'Count',
  'log.recipient': 'To whom (a kind, never a name)',
  'log.note': 'Note (optional)',
  'log.submit': 'Log',
  'log.done': 'Logged',
  'log.badCount': 'A whole number from 1 to 100000',
  'log.noOrganisation': 'Name the organisation',

  'recipient.worker_child': "A rider's child",
  'recipient.worker_family': "A rider's family",
  'recipient.reading_corner': "A station's reading corner",
  'recipient.other': 'Other',

  'new.title': 'New sponsor',
  'new.intro': 'Then add the sponsor-role accounts that speak for it; its points pool opens with it.',
  'new.name': 'Name',
  'new.kind': 'Kind',
  'new.intro.label': 'About it (optional)',
  'new.submit': 'Create',
  'new.missingName': 'Give it a name',
  'new.done': 'Created: {name}',

  'members.empty': 'No contacts yet.',
  'members.add': 'Add a member',
  'members.pick': 'Account (sponsor role, in your area)',
  'members.none': 'No sponsor-role account in your area to add: create one under accounts first.',
  'members.submit': 'Add',
  'members.done': 'Added: {name}',
  'members.loading': 'Reading the accounts…',

  'drive.new': 'New drive',
  'drive.title': 'Title',
  'drive.story': 'Its story (optional)',
  'drive.collects': 'What it collects',
  'drive.collectsPlaceholder': "e.g. books for primary-school children",
  'drive.goal': 'Goal (optional)',
  'drive.from': 'First day',
  'drive.to': 'Last day (included)',
  'drive.points': 'Drop points (stations of your area)',
  'drive.noStations': 'No approved station in your area yet.',
  'drive.submit': 'Publish',
  'drive.done': 'Published: {title}',
  'drive.missingTitle': 'Give the drive a title',
  'drive.missingCollects': 'Say what it collects',
  'drive.badGoal': 'A whole number from 1 to 10,000,000, or nothing',
  'drive.badDates': 'Pick a first and a last day; the last not before the first',
  'drive.noPoints': 'Pick 1 to 20 drop points',

  'error.network': 'No network: try again in a moment.',
};

export const sponsorsDictionaries = { zh, en } as const;
const messages = featureMessages(sponsorsDictionaries);
export const tsp = messages.t;
const maybe = messages.maybe;

export function kindText(kind: string): string {
  return maybe(`kind.${kind}`, kind);
}

export function statusText(status: string): string {
  return maybe(`status.${status}`, status);
}

export function recipientText(kind: string): string {
  return maybe(`recipient.${kind}`, kind);
}

/** What to tell a person about a failed call: the server's own sentence when it is in the page's language. */
export function refusalText(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return tsp('error.network');
    const words = serverWords(error.detail, pageLang());
    if (words) return words;
  }
  return errorMessageOf(error);
}
