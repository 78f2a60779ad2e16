/**
 * The words of the childcare pages (托管服务): the classes near me, a parent's children per class
 * with the form to add one, and the organisers' attendance sheet. Chinese first, {name}
 * placeholders, the language read from <html lang>.
 */

import { featureMessages, pageLang } from '../shell/i18n';

const zh = {
  'page.title': '托管服务',
  'page.intro': '寒暑假托管班和 0–3 岁托育点。报名拿到名额后，为孩子登记名字和年龄即可，只有您和组织方能看到。',
  'page.empty': '近期没有托管班',
  'page.rule': '每个孩子占一个名额，一个报名最多登记 {max} 个孩子。',

  'class.dates': '{first} 至 {last}',
  'class.places': '名额 {taken}/{capacity}',
  'class.cancelled': '已取消',
  'class.register': '去报名',
  'class.waiting': '候补中，名额确认后可登记孩子',
  'class.offered': '有名额留给您，请先确认',
  'class.sheet': '考勤表',
  'class.roster': '报名名单',

  'children.title': '我的孩子',
  'children.none': '还没有登记孩子',
  'children.age': '{age} 岁',
  'children.remove': '移除',
  'children.removing': '移除中…',
  'children.removeConfirm': '确定把 {name} 从这个托管班移除吗？',

  'add.title': '登记孩子',
  'add.name': '名字（不用写姓）',
  'add.age': '年龄（岁）',
  'add.note': '过敏等备注（可不填）',
  'add.submit': '登记',
  'add.sending': '登记中…',
  'add.badName': '名字请写 1 到 10 个字',
  'add.badAge': '年龄请填 0 到 15',
  'add.full': '这个报名已登记 {max} 个孩子',

  'sheet.title': '考勤表',
  'sheet.day': '日期',
  'sheet.present': '已到 {present}/{total}',
  'sheet.none': '还没有孩子登记',
  'sheet.here': '已到',
  'sheet.absent': '未到',
  'sheet.unmarked': '未记录',
  'sheet.saving': '保存中…',
  'sheet.back': '返回托管服务',
  'sheet.parent': '家长：{name}',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'page.title': 'Childcare',
  'page.intro': 'Holiday classes and care places for children under 3. Once you hold a place, register your children with a given name and an age: only you and the organisers see them.',
  'page.empty': 'No childcare classes soon',
  'page.rule': 'Every child takes a place; at most {max} children per registration.',

  'class.dates': '{first} to {last}',
  'class.places': 'Places {taken}/{capacity}',
  'class.cancelled': 'Cancelled',
  'class.register': 'Register',
  'class.waiting': 'On the waiting list: add children once your place is confirmed',
  'class.offered': 'A place is held for you: accept it first',
  'class.sheet': 'Attendance',
  'class.roster': 'Roster',

  'children.title': 'My children',
  'children.none': 'No children registered yet',
  'children.age': '{age} years',
  'children.remove': 'Remove',
  'children.removing': 'Removing…',
  'children.removeConfirm': 'Remove {name} from this class?',

  'add.title': 'Register a child',
  'add.name': 'Given name (no surname needed)',
  'add.age': 'Age (years)',
  'add.note': 'Allergies and the like (optional)',
  'add.submit': 'Register',
  'add.sending': 'Registering…',
  'add.badName': 'The name must be 1 to 10 characters',
  'add.badAge': 'The age must be 0 to 15',
  'add.full': 'This registration already has {max} children',

  'sheet.title': 'Attendance',
  'sheet.day': 'Day',
  'sheet.present': 'Present {present}/{total}',
  'sheet.none': 'No children registered yet',
  'sheet.here': 'Here',
  'sheet.absent': 'Absent',
  'sheet.unmarked': 'Not marked',
  'sheet.saving': 'Saving…',
  'sheet.back': 'Back to childcare',
  'sheet.parent': 'Parent: {name}',
};

export type ChildcareMessageKey = Key;
export const childcareDictionaries = { zh, en } as const;
export const lang = pageLang;
export const tcc = featureMessages(childcareDictionaries).t;
