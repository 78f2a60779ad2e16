/**
 * The words of honours the other way: the rating sheet on a merchant's page (出餐评价), the
 * merchant's own summary, the monthly 优秀放餐企业榜单 and 友好小区榜 with the officers' 发布 button.
 * Chinese first, {name} placeholders, the language read from <html lang> (as the other features do).
 */

import { ApiError } from '../shell/api';
import { featureMessages, pageLang } from '../shell/i18n';
import { errorMessageOf, serverWords } from '../shell/ui';
import { tileEn, tileZh } from './tile-words';

const zh = {
  ...tileZh,
  'rate.title': '出餐评价',
  'rate.intro': '刚在这里取过餐？花 5 秒告诉大家这家店出餐怎么样。不显示你的名字。',
  'rate.wait': '等了多久？',
  'rate.wait.under_5': '5 分钟内',
  'rate.wait.5_10': '5–10 分钟',
  'rate.wait.10_20': '10–20 分钟',
  'rate.wait.over_20': '20 分钟以上',
  'rate.placeToWait': '有地方等餐吗？',
  'rate.placeToWait.yes': '有',
  'rate.placeToWait.no': '没有',
  'rate.respect': '对骑手尊重吗？',
  'rate.respect.star': '{count} 星',
  'rate.comment': '想说的话（选填，最多 140 字，只有店家和工作人员能看到）',
  'rate.submit': '提交',
  'rate.sending': '正在提交…',
  'rate.missing': '请先回答三个问题',
  'rate.thanks': '谢谢！评价已提交',
  'rate.replaced': '已更新你今天的评价',
  'rate.onceADay': '每家店每天算一次评价，再次提交会替换今天的评价',
  'rate.login': '登录后评价出餐',
  'rate.verifiedOnly': '认证通过的骑手才能评价出餐',
  'rate.network': '网络不通，评价没有提交，请稍后再试',

  'summary.title': '骑手评价（{month}）',
  'summary.empty': '这个月还没有骑手评价',
  'summary.ratings': '{count} 次评价',
  'summary.raters': '{count} 位骑手',
  'summary.score': '综合得分',
  'summary.respect': '平均尊重',
  'summary.placeToWait': '有地方等餐',
  'summary.waits': '等餐时间',
  'summary.comments': '骑手留言',
  'summary.noComments': '还没有留言',
  'summary.anonymous': '评价不显示骑手姓名',

  'list.merchants': '优秀放餐企业榜单',
  'list.compounds': '友好小区榜',
  'list.merchants.short': '放餐榜',
  'list.compounds.short': '友好小区',
  'list.month': '{month} 月度榜单',
  'list.prev': '上个月',
  'list.next': '下个月',
  'list.published': '已发布',
  'list.draft': '草稿（未发布，仅工作人员可见）',
  'list.publishedAt': '{date} 发布',
  'list.rank': '名次',
  'list.name': '名称',
  'list.score': '得分',
  'list.raters': '评价骑手',
  'list.ratersCount': '{count} 人',
  'list.empty': '这个月还没有达到评选条件的{what}',
  'list.what.merchants': '商户',
  'list.what.compounds': '小区',
  'list.rule.merchants': '得分由骑手对出餐的评价算出：尊重占一半，等餐时间短占三成，有地方等餐占两成；每位骑手只算一票，至少 {count} 位骑手评价才上榜，评价少的向本区域平均值靠拢。',
  'list.rule.compounds': '得分由门岗记录算出：骑手扫码被放行的比例，并参考骑手当月对小区的评价；每位骑手只算一票，至少 {count} 位骑手才上榜，人数少的向本区域平均值靠拢。',
  'list.excluded': '另有 {count} 个因评价骑手不足未上榜',
  'list.notPublished': '{month} 的榜单还没有发布',
  'list.notPublishedHint': '榜单每月由街道发布，发布后所有人都能看到。',
  'list.publish': '发布榜单',
  'list.publishing': '正在发布…',
  'list.publishConfirm': '发布后榜单不再变化，确定发布 {month} 的{what}吗？',
  'list.publishedNow': '已发布，所有人现在都能看到这份榜单',
  'list.loading': '正在加载榜单…',
  'list.network': '网络不通，请稍后再试',
  'list.home': '返回首页',

};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  ...tileEn,
  'rate.title': 'Hand-over rating',
  'rate.intro': 'Just picked up an order here? Take 5 seconds to say how the hand-over went. Your name is not shown.',
  'rate.wait': 'How long did you wait?',
  'rate.wait.under_5': 'Under 5 min',
  'rate.wait.5_10': '5–10 min',
  'rate.wait.10_20': '10–20 min',
  'rate.wait.over_20': 'Over 20 min',
  'rate.placeToWait': 'Was there a place to wait?',
  'rate.placeToWait.yes': 'Yes',
  'rate.placeToWait.no': 'No',
  'rate.respect': 'Were riders treated with respect?',
  'rate.respect.star': '{count} stars',
  'rate.comment': 'Anything to add (optional, at most 140 characters, seen only by the shop and officers)',
  'rate.submit': 'Submit',
  'rate.sending': 'Submitting…',
  'rate.missing': 'Answer the three questions first',
  'rate.thanks': 'Thank you! Your rating is in',
  'rate.replaced': 'Your rating for today was updated',
  'rate.onceADay': 'One rating per shop per day: submitting again replaces today’s',
  'rate.login': 'Sign in to rate the hand-over',
  'rate.verifiedOnly': 'Only verified riders rate a hand-over',
  'rate.network': 'No network: the rating was not sent. Try again later',

  'summary.title': 'Riders’ ratings ({month})',
  'summary.empty': 'No rider has rated this month yet',
  'summary.ratings': '{count} ratings',
  'summary.raters': '{count} riders',
  'summary.score': 'Score',
  'summary.respect': 'Mean respect',
  'summary.placeToWait': 'A place to wait',
  'summary.waits': 'Waiting time',
  'summary.comments': 'Riders’ comments',
  'summary.noComments': 'No comments yet',
  'summary.anonymous': 'Ratings never show the rider’s name',

  'list.merchants': 'Best hand-over merchants',
  'list.compounds': 'Friendliest compounds',
  'list.merchants.short': 'Merchants',
  'list.compounds.short': 'Compounds',
  'list.month': 'List of {month}',
  'list.prev': 'Previous month',
  'list.next': 'Next month',
  'list.published': 'Published',
  'list.draft': 'Draft (not published, officers only)',
  'list.publishedAt': 'Published {date}',
  'list.rank': 'Rank',
  'list.name': 'Name',
  'list.score': 'Score',
  'list.raters': 'Riders',
  'list.ratersCount': '{count}',
  'list.empty': 'No {what} qualifies this month yet',
  'list.what.merchants': 'merchant',
  'list.what.compounds': 'compound',
  'list.rule.merchants': 'Scores come from riders’ ratings of the hand-over: respect counts half, a short wait three tenths, a place to wait a fifth; each rider counts once, at least {count} riders to be listed, and few ratings lean toward the area’s mean.',
  'list.rule.compounds': 'Scores come from the gate records: the share of riders’ scans that let them in, with riders’ ratings of the compound that month; each rider counts once, at least {count} riders to be listed, and few riders lean toward the area’s mean.',
  'list.excluded': '{count} more not listed for too few riders',
  'list.notPublished': 'The list for {month} is not published yet',
  'list.notPublishedHint': 'The street publishes the lists every month; then everyone sees them.',
  'list.publish': 'Publish the list',
  'list.publishing': 'Publishing…',
  'list.publishConfirm': 'A published list never changes. Publish the {what} list of {month}?',
  'list.publishedNow': 'Published: everyone sees this list now',
  'list.loading': 'Loading the list…',
  'list.network': 'No network. Try again later',
  'list.home': 'Home',

};

export type RankingsMessageKey = Key;
export const rankingsDictionaries = { zh, en } as const;

export const lang = pageLang;
const messages = featureMessages(rankingsDictionaries);
export const trk = messages.t;
const maybe = messages.maybe;

/** A wait bucket in words (under_5 → 5 分钟内). */
export function waitText(wait: string): string {
  return maybe(`rate.wait.${wait}`, wait);
}

/**
 * What to tell a person about a failed call: the network note when the network failed, else the
 * server's own sentence (catalogued, in the page's language), else the shell's.
 */
export function refusalText(error: unknown, networkKey: Key): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return trk(networkKey);
    const words = serverWords(error.detail, lang());
    if (words) return words;
  }
  return errorMessageOf(error);
}
