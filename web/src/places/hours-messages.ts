/**
 * The words of the opening-hours editor (hours-editor.ts), which the place form and the access
 * plan share: kept apart from the places' other words so that the plan's chunk carries only these.
 */

import { featureMessages, pageLang, type Lang } from '../shell/i18n';
import type { HoursWords } from './hours';

const zh = {
  'hours.always': '全天24小时开放',
  'hours.days': '哪几天',
  'hours.pickDays': '点选开放的日子，没选的日子不开放。',
  'hours.weekdays': '工作日',
  'hours.weekend': '周末',
  'hours.everyDay': '每天',
  'hours.times': '时间',
  'hours.to': '至',
  'hours.from': '开始时间',
  'hours.until': '结束时间',
  'hours.wholeDay': '全天',
  'hours.overnight': '结束早于开始：到次日',
  'hours.addRange': '加一个时段',
  'hours.removeRange': '删除这个时段',
  'hours.addGroup': '其他日子时间不同？再加一组',
  'hours.removeGroup': '删除这一组',
  'hours.group': '第 {number} 组',
  'hours.holiday': '法定节假日',
  'hours.holidaySame': '照常',
  'hours.holidayClosed': '休息',
  'hours.holidayHours': '另定时间',
  'hours.preview': '将保存为',
  'hours.raw': '直接输入规则文字',
  'hours.useEditor': '改用选择方式',
  'hours.rawHint': '写法：Mo 周一 … Su 周日，PH 法定节假日，off 不开放，24/7 全天；多条规则用分号分隔，如 Mo-Fr 08:00-20:00; PH off',
  'hours.rawOnly': '这条规则比较复杂，选择方式显示不了：请直接修改文字，或用选择方式重新设置。',
  'hours.rawInvalid': '这段文字不是有效的规则，请改正后再切换。',
  'hours.restart': '用选择方式重新设置',
  'words.day.0': '周一',
  'words.day.1': '周二',
  'words.day.2': '周三',
  'words.day.3': '周四',
  'words.day.4': '周五',
  'words.day.5': '周六',
  'words.day.6': '周日',
  'words.chip.0': '一',
  'words.chip.1': '二',
  'words.chip.2': '三',
  'words.chip.3': '四',
  'words.chip.4': '五',
  'words.chip.5': '六',
  'words.chip.6': '日',
  'words.everyDay': '每天',
  'words.dayRun': '{first}至{last}',
  'words.listSeparator': '、',
  'words.ruleSeparator': '；',
  'words.wholeDay': '全天',
  'words.nextDay': '次日{time}',
  'words.always': '全天24小时开放',
  'words.closed': '不开放',
  'words.holidayClosed': '法定节假日不开放',
  'words.holidayHours': '法定节假日 {hours}',
};

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'hours.always': 'Open 24 hours',
  'hours.days': 'Days',
  'hours.pickDays': 'Tap the days it is open; days not chosen are closed.',
  'hours.weekdays': 'Weekdays',
  'hours.weekend': 'Weekend',
  'hours.everyDay': 'Every day',
  'hours.times': 'Times',
  'hours.to': 'to',
  'hours.from': 'Opens',
  'hours.until': 'Closes',
  'hours.wholeDay': 'All day',
  'hours.overnight': 'Ends before it starts: into the next day',
  'hours.addRange': 'Add a time range',
  'hours.removeRange': 'Remove this time range',
  'hours.addGroup': 'Other days differ? Add another set',
  'hours.removeGroup': 'Remove this set',
  'hours.group': 'Set {number}',
  'hours.holiday': 'Public holidays',
  'hours.holidaySame': 'As usual',
  'hours.holidayClosed': 'Closed',
  'hours.holidayHours': 'Other hours',
  'hours.preview': 'Will be saved as',
  'hours.raw': 'Type the rule text',
  'hours.useEditor': 'Back to choosing',
  'hours.rawHint': 'Syntax: Mo … Su days, PH public holidays, off closed, 24/7 always; rules separated by semicolons, e.g. Mo-Fr 08:00-20:00; PH off',
  'hours.rawOnly': 'This rule is too complex to show as choices: edit the text, or set the hours again by choosing.',
  'hours.rawInvalid': 'This text is not a valid rule: correct it before switching.',
  'hours.restart': 'Set again by choosing',
  'words.day.0': 'Mon',
  'words.day.1': 'Tue',
  'words.day.2': 'Wed',
  'words.day.3': 'Thu',
  'words.day.4': 'Fri',
  'words.day.5': 'Sat',
  'words.day.6': 'Sun',
  'words.chip.0': 'Mo',
  'words.chip.1': 'Tu',
  'words.chip.2': 'We',
  'words.chip.3': 'Th',
  'words.chip.4': 'Fr',
  'words.chip.5': 'Sa',
  'words.chip.6': 'Su',
  'words.everyDay': 'Every day',
  'words.dayRun': '{first}–{last}',
  'words.listSeparator': ', ',
  'words.ruleSeparator': '; ',
  'words.wholeDay': 'all day',
  'words.nextDay': '{time} next day',
  'words.always': 'Open 24 hours',
  'words.closed': 'Closed',
  'words.holidayClosed': 'closed on public holidays',
  'words.holidayHours': 'public holidays {hours}',
};

export const hoursDictionaries = { zh, en } as const;

const messages = featureMessages(hoursDictionaries);
export const th = messages.t;

const DAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** Short weekday names for the day chips, Monday first. */
export function dayChips(lang: Lang = pageLang()): string[] {
  return DAYS.map((d) => hoursDictionaries[lang][`words.chip.${d}`]);
}

/** The words describeEditor() puts together, in `lang`. */
export function hoursWords(lang: Lang = pageLang()): HoursWords {
  const w = hoursDictionaries[lang];
  return {
    days: DAYS.map((d) => w[`words.day.${d}`]),
    everyDay: w['words.everyDay'],
    dayRun: w['words.dayRun'],
    listSeparator: w['words.listSeparator'],
    ruleSeparator: w['words.ruleSeparator'],
    wholeDay: w['words.wholeDay'],
    nextDay: w['words.nextDay'],
    always: w['words.always'],
    closed: w['words.closed'],
    holidayClosed: w['words.holidayClosed'],
    holidayHours: w['words.holidayHours'],
  };
}
