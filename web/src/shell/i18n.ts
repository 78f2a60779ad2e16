/**
 * Tiny i18n: a Chinese (default) and an English dictionary with {name} placeholders.
 * The chosen language is remembered in localStorage and mirrored in <html lang>.
 * These are the shell's words (brand, errors, roles, levels, statuses, common buttons); each
 * feature keeps its own in its messages.ts (featureMessages below).
 */

const zh = {
  'app.name': '友好',
  'app.tagline': '骑手友好社区',
  'app.brand': '友好 · 骑手友好社区',
  'app.subtitle': '让城市对新就业群体更友好',
  'lang.switch': 'English',
  'lang.switchAria': 'Switch to English',

  'login.retryIn': '请 {seconds} 秒后再试',
  'login.tooMany': '登录失败次数过多。',

  'error.invalid_credentials': '账号或密码不正确',
  'error.login_rate_limited': '登录失败次数过多',
  'error.validation_failed': '填写的内容不符合要求',
  'error.invalid_json': '请求格式有误',
  'error.auth_required': '登录已过期，请重新登录',
  'error.csrf_failed': '页面已过期，请刷新后重试',
  'error.forbidden': '没有权限查看该内容',
  'error.not_found': '没有找到该内容',
  'error.route_not_found': '没有找到该内容',
  'error.invalid_transition': '这条上报的状态刚刚变了，请看最新进度',
  'error.unsupported_media_type': '只能上传 JPG、PNG 或 WebP 照片',
  'error.payload_too_large': '文件太大了',
  'error.internal_error': '服务器出错了，请稍后再试',
  'error.overloaded': '服务器繁忙，请稍后再试',
  'error.network': '网络连接失败，请检查网络后重试',
  'error.unknown': '出错了（{status}）',
  'error.loadFailed': '加载失败',
  'error.retry': '重试',

  'offline.banner': '网络已断开，正在显示的内容可能不是最新的',

  'shell.logout': '退出',
  'shell.loggingOut': '正在退出…',
  'shell.home': '首页',
  'notify.title': '通知',
  'notify.bellUnread': '通知（{count} 条未读）',

  'level.city': '市',
  'level.district': '区',
  'level.street': '街道',
  'level.community': '社区',
  'level.compound': '小区',

  'role.worker': '骑手',
  'role.guard': '门岗保安',
  'role.property_manager': '物业',
  'role.station_keeper': '驿站站长',
  'role.merchant': '友好商户',
  'role.sponsor': '爱心单位',
  'role.union_staff': '工会法援',
  'role.grid_officer': '网格员',
  'role.community_officer': '社区工作人员',
  'role.street_officer': '街道干部',
  'role.district_officer': '区级干部',
  'role.city_officer': '市级干部',
  'role.admin': '系统管理员',

  'kind.food': '外卖骑手',
  'kind.parcel': '快递员',
  'kind.ride': '网约车司机',
  'kind.truck': '货车司机',

  'status.pending': '待认证',
  'status.verified': '已认证',
  'status.suspended': '已暂停',
  'status.revoked': '已撤销',

  'common.soon': '即将上线',
  'common.loading': '加载中…',
  'common.none': '暂无数据',
  'common.search': '搜索',
  'common.clear': '清除',
  'common.prev': '上一页',
  'common.next': '下一页',
  'common.pageInfo': '第 {page} / {pages} 页 · 共 {total} 条',
  'common.code': '编码',
  'common.all': '全部',
  'common.totalCount': '共 {total} 条',

  'greeting.morning': '早上好',
  'greeting.noon': '中午好',
  'greeting.afternoon': '下午好',
  'greeting.evening': '晚上好',
  'greeting.hello': '{greeting}，{name}',

  'worker.name': '姓名',

  'tile.scan': '扫码核验',

  'tile.station': '驿站管理',
  'tile.station.desc': '开放时间、设施与服务登记',
  'tile.offers': '友好优惠',
  'tile.offers.desc': '为骑手提供的折扣与便利',

  'stats.title': '数据概览',


  'col.platform': '平台',
  'col.action': '操作',

  'source.osm': '地图数据',
  'source.generated': '演示数据',

  'action.account.create': '创建账号',
  'action.account.update': '修改账号',
  'action.account.disable': '停用账号',
  'action.worker.create': '骑手备案',
  'action.worker.update': '修改骑手信息',
  'action.worker.verify': '认证骑手',
  'action.session.create': '登录',
  'action.worker.status': '变更骑手认证状态',
  'action.worker.roster_import': '花名册导入',
  'action.pass.revoke': '注销进门码',
  'action.access_plan.update': '修改通行方案',
  'action.whitelist.add': '加入常驻骑手名单',
  'action.whitelist.remove': '移出常驻骑手名单',

  'notfound.title': '页面不存在',
  'notfound.back': '返回首页',
  'map.zoomIn': '放大',
  'map.baseAttribution': '底图 © OpenStreetMap 贡献者 (ODbL)',
  'map.zoomOut': '缩小',
  'nav.breadcrumb': '所在位置',

  'common.cancel': '取消',
  'common.close': '关闭',
  'common.remove': '移除',
  'common.yes': '是',
  'common.no': '否',
};

export type MessageKey = keyof typeof zh;
export type Lang = 'zh' | 'en';

const en: Record<MessageKey, string> = {
  'app.name': 'Youhao',
  'app.tagline': 'Rider-friendly communities',
  'app.brand': 'Youhao · Rider-friendly communities',
  'app.subtitle': 'A friendlier city for delivery riders and couriers',
  'lang.switch': '中文',
  'lang.switchAria': '切换到中文',

  'login.retryIn': 'Please try again in {seconds} s',
  'login.tooMany': 'Too many failed attempts.',

  'error.invalid_credentials': 'Wrong login or password',
  'error.login_rate_limited': 'Too many failed attempts',
  'error.validation_failed': 'Some fields are not valid',
  'error.invalid_json': 'The request was malformed',
  'error.auth_required': 'Your session has expired; please log in again',
  'error.csrf_failed': 'This page is out of date; refresh and try again',
  'error.forbidden': 'You are not allowed to see this',
  'error.not_found': 'Not found',
  'error.route_not_found': 'Not found',
  'error.invalid_transition': 'This report has just changed; see its latest progress',
  'error.unsupported_media_type': 'Only JPG, PNG or WebP photos',
  'error.payload_too_large': 'The file is too large',
  'error.internal_error': 'Server error; please try again later',
  'error.overloaded': 'The server is busy; please try again in a moment',
  'error.network': 'Network error; check your connection and try again',
  'error.unknown': 'Something went wrong ({status})',
  'error.loadFailed': 'Could not load',
  'error.retry': 'Retry',

  'offline.banner': 'You are offline; what you see may be out of date',

  'shell.logout': 'Log out',
  'shell.loggingOut': 'Logging out…',
  'shell.home': 'Home',
  'notify.title': 'Notifications',
  'notify.bellUnread': 'Notifications ({count} unread)',

  'level.city': 'City',
  'level.district': 'District',
  'level.street': 'Street',
  'level.community': 'Community',
  'level.compound': 'Compound',

  'role.worker': 'Rider',
  'role.guard': 'Gate guard',
  'role.property_manager': 'Property manager',
  'role.station_keeper': 'Station keeper',
  'role.merchant': 'Friendly merchant',
  'role.sponsor': 'Sponsor',
  'role.union_staff': 'Union and legal aid',
  'role.grid_officer': 'Grid officer',
  'role.community_officer': 'Community officer',
  'role.street_officer': 'Street officer',
  'role.district_officer': 'District officer',
  'role.city_officer': 'City officer',
  'role.admin': 'Administrator',

  'kind.food': 'Food delivery rider',
  'kind.parcel': 'Courier',
  'kind.ride': 'Ride-hailing driver',
  'kind.truck': 'Truck driver',

  'status.pending': 'Pending',
  'status.verified': 'Verified',
  'status.suspended': 'Suspended',
  'status.revoked': 'Revoked',

  'common.soon': 'Coming soon',
  'common.loading': 'Loading…',
  'common.none': 'Nothing here yet',
  'common.search': 'Search',
  'common.clear': 'Clear',
  'common.prev': 'Previous',
  'common.next': 'Next',
  'common.pageInfo': 'Page {page} of {pages} · {total} in all',
  'common.code': 'Code',
  'common.all': 'All',
  'common.totalCount': '{total} in all',

  'greeting.morning': 'Good morning',
  'greeting.noon': 'Good day',
  'greeting.afternoon': 'Good afternoon',
  'greeting.evening': 'Good evening',
  'greeting.hello': '{greeting}, {name}',

  'worker.name': 'Name',

  'tile.scan': 'Scan & verify',

  'tile.station': 'My station',
  'tile.station.desc': 'Opening hours, facilities and services',
  'tile.offers': 'Friendly offers',
  'tile.offers.desc': 'Discounts and help for riders',

  'stats.title': 'Overview',


  'col.platform': 'Platform',
  'col.action': 'Action',

  'source.osm': 'Map data',
  'source.generated': 'Demo data',

  'action.account.create': 'Account created',
  'action.account.update': 'Account changed',
  'action.account.disable': 'Account disabled',
  'action.worker.create': 'Rider registered',
  'action.worker.update': 'Rider changed',
  'action.worker.verify': 'Rider verified',
  'action.session.create': 'Logged in',
  'action.worker.status': 'Rider status changed',
  'action.worker.roster_import': 'Roster imported',
  'action.pass.revoke': 'Entry pass revoked',
  'action.access_plan.update': 'Access plan changed',
  'action.whitelist.add': 'Added to the resident list',
  'action.whitelist.remove': 'Removed from the resident list',

  'notfound.title': 'Page not found',
  'notfound.back': 'Back to home',
  'map.zoomIn': 'Zoom in',
  'map.baseAttribution': 'Base map © OpenStreetMap contributors (ODbL)',
  'map.zoomOut': 'Zoom out',
  'nav.breadcrumb': 'You are here',

  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.remove': 'Remove',
  'common.yes': 'Yes',
  'common.no': 'No',
};

export const dictionaries: Record<Lang, Record<MessageKey, string>> = { zh, en };

export const STORAGE_KEY = 'youhao.lang';

/** Minimal Storage subset so tests can pass a fake. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function defaultStore(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage disabled (private mode, sandboxed iframe)
  }
}

let current: Lang = 'zh';
const listeners = new Set<(lang: Lang) => void>();

export function parseLang(value: string | null | undefined): Lang {
  return value === 'en' ? 'en' : 'zh';
}

/** The <html lang> value for a language. */
export function htmlLang(lang: Lang): string {
  return lang === 'en' ? 'en' : 'zh-CN';
}

/** Reads the remembered language (Chinese unless English was chosen). */
export function initLang(store: KeyValueStore | null = defaultStore()): Lang {
  let saved: string | null;
  try {
    saved = store?.getItem(STORAGE_KEY) ?? null;
  } catch {
    saved = null;
  }
  current = parseLang(saved);
  applyDocumentLang();
  return current;
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang, store: KeyValueStore | null = defaultStore()): void {
  current = lang;
  try {
    store?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered; the switch still works for this page.
  }
  applyDocumentLang();
  for (const listener of listeners) listener(lang);
}

export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function applyDocumentLang(): void {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = htmlLang(current);
    document.title = `${translate(current, 'app.name')} · ${translate(current, 'app.tagline')}`;
  }
}

/** Replaces {name} placeholders; unknown placeholders are left as they are. */
export function interpolate(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

/** The language the page is shown in, as set on <html lang> (Chinese unless English was chosen). */
export function pageLang(): Lang {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'zh';
}

/**
 * A feature's own words in both languages, in the page's language: `t` for a known key (with
 * {name} placeholders), `maybe` for a key built at run time, falling back to the Chinese word and
 * then to `fallback`.
 */
export function featureMessages<K extends string>(tables: { readonly zh: Readonly<Record<K, string>>; readonly en: Readonly<Record<K, string>> }) {
  return {
    t: (key: K, params?: Record<string, string | number>): string => interpolate(tables[pageLang()][key] ?? tables.zh[key], params),
    maybe: (key: string, fallback: string): string =>
      (tables[pageLang()] as Record<string, string>)[key] ?? (tables.zh as Record<string, string>)[key] ?? fallback,
  };
}

export function translate(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  return interpolate(dictionaries[lang][key] ?? dictionaries.zh[key] ?? key, params);
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(current, key, params);
}

/** Translates a key built at run time (e.g. `kind.${value}`), falling back to the raw value. */
export function tMaybe(key: string, fallback: string): string {
  const table = dictionaries[current] as Record<string, string>;
  return table[key] ?? fallback;
}

/** Numbers with thousands separators in the current language. */
export function formatNumber(value: number): string {
  return new Intl.NumberFormat(htmlLang(current)).format(value);
}

/**
 * A number short enough for a stat tile: as it is below 100,000; above, in 万/亿 (zh) or K/M/B (en)
 * with at most one decimal, e.g. 250,000 → "25万" / "250K", 24,980,000 → "2498万" / "25M".
 */
export function formatCompact(value: number): string {
  if (Math.abs(value) < 100_000) return formatNumber(value);
  return new Intl.NumberFormat(htmlLang(current), { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}
