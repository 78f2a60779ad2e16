/**
 * The words of 日历订阅 (#/calendar): the worker's personal calendar link (make, copy, open in the
 * calendar app, reset, stop) and the public feeds of their community, street and district. Chinese
 * first, {name} placeholders, the language read from <html lang>.
 */

import { featureMessages } from '../shell/i18n';

const zh = {
  'page.title': '日历订阅',
  'page.intro': '把活动放进手机日历：报名、候补、取消都会自动更新，到点有提醒。',
  'back.events': '返回活动',

  'mine.title': '我的活动日历',
  'mine.none': '还没有我的日历链接。生成后，用手机日历订阅即可看到你报名的活动。',
  'mine.since': '链接生成于 {date}。为保护隐私，链接只在生成时显示一次；找不到了可以重新生成。',
  'mine.make': '生成我的日历链接',
  'mine.making': '正在生成…',
  'mine.ready': '链接已生成，只显示这一次，请现在订阅或复制：',
  'mine.subscribe': '用手机日历订阅',
  'mine.copy': '复制链接',
  'mine.copied': '已复制',
  'mine.copyFailed': '无法自动复制，请长按链接手动复制',
  'mine.reset': '重新生成链接',
  'mine.resetConfirm': '重新生成后，旧链接立即失效，已订阅的日历需要用新链接重新订阅。继续吗？',
  'mine.revoke': '停用我的日历链接',
  'mine.revokeConfirm': '停用后，已订阅的日历不再更新。继续吗？',
  'mine.revoking': '正在停用…',
  'mine.revoked': '已停用。需要时可以重新生成。',
  'mine.private': '这个链接能看到你报名的活动，请不要发给别人。',

  'public.title': '本地活动日历',
  'public.intro': '订阅所在社区、街道、区的全部公开活动（包括已取消的）。',
  'public.subscribe': '订阅{name}活动',
  'public.copy': '复制链接',
  'public.none': '没有可订阅的地区',

  'level.city': '全市',
  'level.district': '区',
  'level.street': '街道',
  'level.community': '社区',
  'level.compound': '小区',

  'help.title': '怎么订阅？',
  'help.ios': 'iPhone：点“用手机日历订阅”，在弹出的窗口里点“订阅”。',
  'help.android': '安卓：复制链接，在手机日历或 Outlook、Google 日历里选“通过网址添加日历”，粘贴。',
};

const en: Record<keyof typeof zh, string> = {
  'page.title': 'Calendar',
  'page.intro': 'Put events in your phone calendar: registrations, waiting lists and cancellations update by themselves.',
  'back.events': 'Back to events',

  'mine.title': 'My events calendar',
  'mine.none': 'You have no calendar link yet. Make one and subscribe in your phone calendar to see the events you signed up for.',
  'mine.since': 'Your link was made on {date}. For privacy it is shown only once, when made; make a new one if you lost it.',
  'mine.make': 'Make my calendar link',
  'mine.making': 'Making…',
  'mine.ready': 'Your link is ready. It is shown only this once: subscribe or copy it now:',
  'mine.subscribe': 'Subscribe in my calendar',
  'mine.copy': 'Copy link',
  'mine.copied': 'Copied',
  'mine.copyFailed': 'Could not copy: press and hold the link to copy it',
  'mine.reset': 'Make a new link',
  'mine.resetConfirm': 'The old link stops working at once; calendars subscribed to it must subscribe to the new one. Go on?',
  'mine.revoke': 'Stop my calendar link',
  'mine.revokeConfirm': 'Subscribed calendars will no longer update. Go on?',
  'mine.revoking': 'Stopping…',
  'mine.revoked': 'Stopped. You can make a new link whenever you need one.',
  'mine.private': 'This link shows the events you signed up for: do not share it.',

  'public.title': 'Local events calendars',
  'public.intro': 'Subscribe to every public event of your community, street or district (cancelled ones included).',
  'public.subscribe': 'Subscribe to {name} events',
  'public.copy': 'Copy link',
  'public.none': 'No area to subscribe to',

  'level.city': 'City',
  'level.district': 'District',
  'level.street': 'Street',
  'level.community': 'Community',
  'level.compound': 'Compound',

  'help.title': 'How to subscribe',
  'help.ios': 'iPhone: tap "Subscribe in my calendar" and then "Subscribe".',
  'help.android': 'Android: copy the link, and in your calendar app (or Outlook, Google Calendar) choose "add calendar from URL" and paste it.',
};

export const calendarDictionaries = { zh, en } as const;
const messages = featureMessages(calendarDictionaries);
export const tca = messages.t;
export const maybeCalendar = messages.maybe;

export function levelText(level: string): string {
  return maybeCalendar(`level.${level}`, level);
}
