/**
 * The words of the community pages: roaming grid reporters (流动网格员), platform conduct
 * (平台骑手行为记录) and notifications. Chinese first, {name} placeholders, the language read from
 * <html lang> (as reports/messages.ts does).
 */

import { featureMessages, pageLang } from '../shell/i18n';

const zh = {
  'grid.title': '流动网格员',
  'grid.intro': '从骑手中聘任流动网格员，他们的随手拍直接进入社区网格，不经驿站转办。',
  'grid.list': '在任网格员',
  'grid.showAll': '包括已结束的任期',
  'grid.empty': '还没有聘任流动网格员',
  'grid.col.worker': '骑手',
  'grid.col.phone': '手机号',
  'grid.col.platform': '平台',
  'grid.col.area': '社区',
  'grid.col.term': '任期',
  'grid.col.state': '状态',
  'grid.col.actions': '操作',
  'grid.active': '在任',
  'grid.ended': '已结束',
  'grid.end': '结束任期',
  'grid.endConfirm': '提前结束 {name} 的流动网格员任期？',
  'grid.endDone': '已结束任期',
  'grid.appoint': '聘任流动网格员',
  'grid.worker': '骑手',
  'grid.workerPick': '从骑手名册选择',
  'grid.workerSearch': '按姓名或手机号搜索骑手名册',
  'grid.workerId': '骑手编号',
  'grid.area': '社区',
  'grid.termStart': '任期开始',
  'grid.termEnd': '任期结束',
  'grid.submit': '聘任',
  'grid.appointed': '已聘任 {name} 为流动网格员',
  'grid.missing': '请选择骑手、社区并填写任期',
  'grid.record': '月度履职记录',
  'grid.month': '月份',
  'grid.totalReports': '本月网格员上报 {count} 件',
  'grid.col.reports': '上报',
  'grid.col.resolved': '已办结',
  'grid.col.confirmed': '已确认',
  'grid.col.open': '未办结',
  'grid.col.categories': '问题类别',
  'grid.col.reporters': '网格员',
  'grid.communities': '各社区',
  'grid.noRecord': '这个月没有记录',
  'grid.badge': '流动网格员 · {area} · 任期至 {end}',
  'grid.reportNote': '你是流动网格员：你的上报直接进入{area}网格，由网格员跟进。',
  'grid.tag': '网格员直报',

  'conduct.newTitle': '骑手行为记录',
  'conduct.newIntro': '点选平台和行为，一键记录。记录用于平台约谈，不记录骑手身份。',
  'conduct.platform': '平台',
  'conduct.kind': '行为',
  'conduct.note': '补充说明（选填）',
  'conduct.notePlaceholder': '如：电动车停在大门口',
  'conduct.riderHint': '骑手特征（选填）',
  'conduct.riderHintPlaceholder': '如：黄色头盔',
  'conduct.submit': '记录',
  'conduct.submitting': '正在记录…',
  'conduct.saved': '已记录：{platform} · {kind}',
  'conduct.missing': '请先选择平台和行为',
  'conduct.recent': '最近的记录',
  'conduct.none': '还没有记录',
  'conduct.by': '{who} 记录',
  'conduct.kind.speeding': '小区内超速',
  'conduct.kind.banned_riding': '禁行区域骑行',
  'conduct.kind.blocking_entrance': '堵塞出入口',
  'conduct.kind.wrong_way': '逆行',
  'conduct.kind.conflict_with_staff': '与门岗或物业冲突',
  'conduct.kind.other': '其他',
  'conduct.statsTitle': '平台骑手行为统计',
  'conduct.statsIntro': '门岗与物业记录的骑手行为，按平台汇总，供平台约谈使用。',
  'conduct.from': '起始月份',
  'conduct.to': '结束月份',
  'conduct.apply': '查询',
  'conduct.total': '共 {count} 条记录',
  'conduct.byPlatform': '按平台（按行为分色）',
  'conduct.byCompound': '记录最多的小区',
  'conduct.byMonth': '按月趋势',
  'conduct.col.compound': '小区',
  'conduct.col.count': '记录数',
  'conduct.col.topKind': '主要行为',
  'conduct.col.topPlatform': '主要平台',
  'conduct.count': '记录数',
  'conduct.badRange': '起始月份不能晚于结束月份',
  'conduct.noData': '这段时间没有记录',

  'notify.title': '通知',
  'notify.bell': '通知（{count} 条未读）',
  'notify.empty': '暂无通知',
  'notify.unread': '未读',
  'notify.markAll': '全部标为已读',
  'notify.open': '查看上报',

  'tile.conduct': '行为记录',
  'tile.conduct.desc': '记录骑手超速、堵门等行为',
  'tile.conductStats': '行为统计',
  'tile.conductStats.desc': '按平台汇总骑手行为，用于约谈',
  'tile.gridReporters': '流动网格员',
  'tile.gridReporters.desc': '聘任骑手网格员，查看履职记录',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'grid.title': 'Roaming grid reporters',
  'grid.intro': 'Riders appointed as roaming grid reporters: their reports go straight to the community grid.',
  'grid.list': 'Appointed reporters',
  'grid.showAll': 'Include ended terms',
  'grid.empty': 'No roaming grid reporters yet',
  'grid.col.worker': 'Rider',
  'grid.col.phone': 'Phone',
  'grid.col.platform': 'Platform',
  'grid.col.area': 'Community',
  'grid.col.term': 'Term',
  'grid.col.state': 'State',
  'grid.col.actions': 'Actions',
  'grid.active': 'Active',
  'grid.ended': 'Ended',
  'grid.end': 'End term',
  'grid.endConfirm': 'End the term of {name} early?',
  'grid.endDone': 'Term ended',
  'grid.appoint': 'Appoint a grid reporter',
  'grid.worker': 'Rider',
  'grid.workerPick': 'Pick from the rider registry',
  'grid.workerSearch': 'Search the registry by name or phone',
  'grid.workerId': 'Rider id',
  'grid.area': 'Community',
  'grid.termStart': 'Term starts',
  'grid.termEnd': 'Term ends',
  'grid.submit': 'Appoint',
  'grid.appointed': '{name} appointed as a roaming grid reporter',
  'grid.missing': 'Choose a rider and a community and fill in the term',
  'grid.record': 'Monthly record',
  'grid.month': 'Month',
  'grid.totalReports': '{count} reports by grid reporters this month',
  'grid.col.reports': 'Reports',
  'grid.col.resolved': 'Resolved',
  'grid.col.confirmed': 'Confirmed',
  'grid.col.open': 'Open',
  'grid.col.categories': 'Categories',
  'grid.col.reporters': 'Reporters',
  'grid.communities': 'Communities',
  'grid.noRecord': 'Nothing this month',
  'grid.badge': 'Roaming grid reporter · {area} · until {end}',
  'grid.reportNote': 'You are a roaming grid reporter: your reports go straight to the {area} grid.',
  'grid.tag': 'Grid reporter',

  'conduct.newTitle': 'Rider conduct',
  'conduct.newIntro': 'Tap the platform and what happened, then record. Used in platform reviews; no rider identity is kept.',
  'conduct.platform': 'Platform',
  'conduct.kind': 'What happened',
  'conduct.note': 'Note (optional)',
  'conduct.notePlaceholder': 'e.g. scooter parked across the gate',
  'conduct.riderHint': 'Rider hint (optional)',
  'conduct.riderHintPlaceholder': 'e.g. yellow helmet',
  'conduct.submit': 'Record',
  'conduct.submitting': 'Recording…',
  'conduct.saved': 'Recorded: {platform} · {kind}',
  'conduct.missing': 'Choose a platform and what happened first',
  'conduct.recent': 'Latest records',
  'conduct.none': 'No records yet',
  'conduct.by': 'by {who}',
  'conduct.kind.speeding': 'Speeding in the compound',
  'conduct.kind.banned_riding': 'Riding where banned',
  'conduct.kind.blocking_entrance': 'Blocking an entrance',
  'conduct.kind.wrong_way': 'Wrong way',
  'conduct.kind.conflict_with_staff': 'Conflict with gate or property staff',
  'conduct.kind.other': 'Other',
  'conduct.statsTitle': 'Rider conduct by platform',
  'conduct.statsIntro': 'Conduct recorded by gates and property staff, by platform, for platform review meetings.',
  'conduct.from': 'From',
  'conduct.to': 'To',
  'conduct.apply': 'Show',
  'conduct.total': '{count} records',
  'conduct.byPlatform': 'By platform (coloured by kind)',
  'conduct.byCompound': 'Compounds with most records',
  'conduct.byMonth': 'By month',
  'conduct.col.compound': 'Compound',
  'conduct.col.count': 'Records',
  'conduct.col.topKind': 'Main kind',
  'conduct.col.topPlatform': 'Main platform',
  'conduct.count': 'Records',
  'conduct.badRange': 'The first month must not be after the last',
  'conduct.noData': 'No records in these months',

  'notify.title': 'Notifications',
  'notify.bell': 'Notifications ({count} unread)',
  'notify.empty': 'No notifications',
  'notify.unread': 'Unread',
  'notify.markAll': 'Mark all read',
  'notify.open': 'Open report',

  'tile.conduct': 'Rider conduct',
  'tile.conduct.desc': 'Record speeding, blocked gates and more',
  'tile.conductStats': 'Conduct statistics',
  'tile.conductStats.desc': 'Rider conduct by platform, for reviews',
  'tile.gridReporters': 'Grid reporters',
  'tile.gridReporters.desc': 'Appoint rider reporters, see their record',
};

export type CommunityMessageKey = Key;
export const communityDictionaries = { zh, en } as const;

export const lang = pageLang;
const messages = featureMessages(communityDictionaries);
export const tc = messages.t;

export const PLATFORMS = ['美团', '饿了么', '顺丰', '京东', 'UU跑腿', '闪送', '其他'] as const;
export const CONDUCT_KINDS = ['speeding', 'banned_riding', 'blocking_entrance', 'wrong_way', 'conflict_with_staff', 'other'] as const;

const PLATFORM_EN: Record<string, string> = { 美团: 'Meituan', 饿了么: 'Ele.me', 顺丰: 'SF Express', 京东: 'JD', UU跑腿: 'UU Paotui', 闪送: 'Shansong', 其他: 'Other' };

export function platformName(platform: string): string {
  return lang() === 'en' ? (PLATFORM_EN[platform] ?? platform) : platform;
}

export function kindName(kind: string, serverLabel?: string | null): string {
  if (lang() === 'zh' && serverLabel) return serverLabel;
  return (CONDUCT_KINDS as readonly string[]).includes(kind) ? tc(`conduct.kind.${kind}` as Key) : serverLabel || kind;
}

/** "YYYY-MM" of a date in Beijing time. */
export function monthOf(date: Date): string {
  const beijing = new Date(date.getTime() + 8 * 3600_000);
  return `${beijing.getUTCFullYear()}-${String(beijing.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** "YYYY-MM" moved by `delta` months. */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** "YYYY-MM-DD" of a date in Beijing time. */
export function dayOf(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** "12-05 11:41" of an ISO time, in Beijing time. */
export function shortStamp(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3600_000).toISOString().slice(5, 16).replace('T', ' ');
}

/** The problem's `detail` when the server sent one, else the app's usual message for the error. */
export function detailOf(error: unknown, fallback: (e: unknown) => string): string {
  const detail = (error as { detail?: unknown } | null)?.detail;
  return typeof detail === 'string' && detail ? detail : fallback(error);
}
