/**
 * The words of the micro-wish pages (微心愿): the wall, 我的心愿 (the worker's, the sponsor's
 * claims, the staff's posts) and the community's verification queue. Chinese first, {name}
 * placeholders, the language read from <html lang>.
 */

import { featureMessages, pageLang } from '../shell/i18n';
import { errorMessageOf } from '../shell/ui';
import { tileEn, tileZh } from './tile-words';

const zh = {
  ...tileZh,

  'wall.title': '微心愿墙',
  'wall.intro': '快递员、外卖骑手的小心愿，社区核实后展示。不显示姓名、电话和照片。',
  'wall.empty': '这里还没有心愿',
  'wall.more': '加载更多',
  'wall.mine': '我的心愿',
  'wall.claims': '我的认领',
  'wall.queue': '待审核心愿',
  'wall.claim': '认领',
  'wall.claiming': '认领中…',

  'filter.all': '全部',
  'filter.verified': '待认领',
  'filter.claimed': '已认领',
  'filter.fulfilled': '已送达',
  'filter.confirmed': '已完成',

  'status.submitted': '待社区审核',
  'status.verified': '待认领',
  'status.rejected': '未通过',
  'status.claimed': '已认领',
  'status.fulfilled': '已送达，待确认',
  'status.confirmed': '已完成',
  'status.withdrawn': '已撤回',

  'category.daily': '生活用品',
  'category.appliance': '家电',
  'category.study': '学习用品',
  'category.clothing': '衣物',
  'category.health': '健康',
  'category.other': '其他',

  'card.value': '约 {value} 元',
  'card.who': '{kind} · {community}',
  'card.sponsor': '{sponsor} 认领',
  'card.due': '请在 {date} 前完成',
  'card.rejected': '未通过原因：{reason}',
  'card.note': '送达说明：{note}',
  'card.thanks': '骑手的感谢：{thanks}',
  'card.worker': '骑手：{name}',

  'mine.title': '我的心愿',
  'mine.claimsTitle': '我的认领',
  'mine.postedTitle': '我代发的心愿',
  'mine.empty': '还没有心愿',
  'mine.claimsEmpty': '还没有认领的心愿，去心愿墙看看',
  'post.title': '说一个心愿',
  'post.forWorker': '为骑手代发心愿',
  'post.workerId': '骑手编号（花名册里的编号）',
  'post.what': '心愿',
  'post.whatHint': '例如：一台小冰箱',
  'post.category': '类别',
  'post.value': '价值（元，最多 {max} 元）',
  'post.reason': '为什么需要',
  'post.submit': '提交心愿',
  'post.sending': '提交中…',
  'post.done': '已提交，社区审核后会出现在心愿墙上',
  'post.tooMuch': '价值最多 {max} 元',

  'confirm.thanks': '给爱心单位说句感谢',
  'confirm.button': '确认收到',
  'confirm.done': '已确认收到，感谢已转达',
  'withdraw.button': '撤回心愿',

  'fulfil.photo': '送达照片',
  'fulfil.pick': '选择照片 / 拍照',
  'fulfil.note': '送达说明',
  'fulfil.noteHint': '例如：冰箱已送到家并安装好',
  'fulfil.button': '上传照片并完成',
  'fulfil.sending': '上传中…',
  'fulfil.needPhoto': '请先选一张送达照片',

  'queue.title': '待审核心愿',
  'queue.empty': '没有待审核的心愿',
  'queue.verify': '通过',
  'queue.reject': '不通过',
  'queue.reason': '不通过的原因（骑手会看到）',
  'queue.rejectSend': '确定不通过',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  ...tileEn,

  'wall.title': 'Wish wall',
  'wall.intro': "Couriers' and delivery riders' small wishes, shown once their community checked them. No names, phones or photos.",
  'wall.empty': 'No wishes here yet',
  'wall.more': 'Load more',
  'wall.mine': 'My wishes',
  'wall.claims': 'My claims',
  'wall.queue': 'Wishes to check',
  'wall.claim': 'Claim',
  'wall.claiming': 'Claiming…',

  'filter.all': 'All',
  'filter.verified': 'Open',
  'filter.claimed': 'Claimed',
  'filter.fulfilled': 'Delivered',
  'filter.confirmed': 'Done',

  'status.submitted': 'Waiting for the community',
  'status.verified': 'Open',
  'status.rejected': 'Not accepted',
  'status.claimed': 'Claimed',
  'status.fulfilled': 'Delivered, to confirm',
  'status.confirmed': 'Done',
  'status.withdrawn': 'Withdrawn',

  'category.daily': 'Daily needs',
  'category.appliance': 'Appliance',
  'category.study': 'School things',
  'category.clothing': 'Clothing',
  'category.health': 'Health',
  'category.other': 'Other',

  'card.value': 'About {value} yuan',
  'card.who': '{kind} · {community}',
  'card.sponsor': 'Claimed by {sponsor}',
  'card.due': 'Fulfil by {date}',
  'card.rejected': 'Not accepted: {reason}',
  'card.note': 'Delivery note: {note}',
  'card.thanks': "The rider's thanks: {thanks}",
  'card.worker': 'Rider: {name}',

  'mine.title': 'My wishes',
  'mine.claimsTitle': 'My claims',
  'mine.postedTitle': 'Wishes I posted for riders',
  'mine.empty': 'No wishes yet',
  'mine.claimsEmpty': 'No claims yet: see the wish wall',
  'post.title': 'Make a wish',
  'post.forWorker': 'Post a wish for a rider',
  'post.workerId': "Rider number (from the register)",
  'post.what': 'Wish',
  'post.whatHint': 'e.g. a small fridge',
  'post.category': 'Category',
  'post.value': 'Value (yuan, at most {max})',
  'post.reason': 'Why it is needed',
  'post.submit': 'Send the wish',
  'post.sending': 'Sending…',
  'post.done': 'Sent: it shows on the wall once the community has checked it',
  'post.tooMuch': 'At most {max} yuan',

  'confirm.thanks': 'A word of thanks for the sponsor',
  'confirm.button': 'I received it',
  'confirm.done': 'Confirmed: your thanks were passed on',
  'withdraw.button': 'Withdraw',

  'fulfil.photo': 'Delivery photo',
  'fulfil.pick': 'Choose a photo',
  'fulfil.note': 'Delivery note',
  'fulfil.noteHint': 'e.g. the fridge is delivered and set up',
  'fulfil.button': 'Upload the photo and finish',
  'fulfil.sending': 'Uploading…',
  'fulfil.needPhoto': 'Choose a delivery photo first',

  'queue.title': 'Wishes to check',
  'queue.empty': 'No wishes waiting',
  'queue.verify': 'Accept',
  'queue.reject': 'Decline',
  'queue.reason': 'Why not (the rider sees it)',
  'queue.rejectSend': 'Decline it',
};

export type WishMessageKey = Key;
export const wishDictionaries = { zh, en } as const;
export const lang = pageLang;
const messages = featureMessages(wishDictionaries);
export const twi = messages.t;
const maybe = messages.maybe;

export function statusText(status: string): string {
  return maybe(`status.${status}`, status);
}

export function categoryText(category: string): string {
  return maybe(`category.${category}`, category);
}

/** A refusal in the page's language: the server's sentence (it words catalogued problems). */
export function refusalText(failure: unknown): string {
  return errorMessageOf(failure);
}
