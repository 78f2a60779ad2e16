/**
 * Tiny i18n: a Chinese (default) and an English dictionary with {name} placeholders.
 * The chosen language is remembered in localStorage and mirrored in <html lang>.
 */

const zh = {
  'app.name': '友好',
  'app.tagline': '骑手友好社区',
  'app.brand': '友好 · 骑手友好社区',
  'app.subtitle': '让城市对新就业群体更友好',
  'lang.switch': 'English',
  'lang.switchAria': 'Switch to English',

  'login.title': '登录',
  'login.intro': '使用工作账号登录。骑手、物业、驿站与社区工作人员共用一个入口。',
  'login.login': '账号',
  'login.loginPlaceholder': '请输入账号',
  'login.password': '密码',
  'login.passwordPlaceholder': '请输入密码',
  'login.showPassword': '显示密码',
  'login.hidePassword': '隐藏密码',
  'login.submit': '登录',
  'login.submitting': '正在登录…',
  'login.missing': '请输入账号和密码',
  'login.retryIn': '请 {seconds} 秒后再试',
  'login.tooMany': '登录失败次数过多。',
  'login.footer': '城市新就业群体服务平台',

  'error.invalid_credentials': '账号或密码不正确',
  'error.login_rate_limited': '登录失败次数过多',
  'error.validation_failed': '填写的内容不符合要求',
  'error.invalid_json': '请求格式有误',
  'error.auth_required': '登录已过期，请重新登录',
  'error.csrf_failed': '页面已过期，请刷新后重试',
  'error.forbidden': '没有权限查看该内容',
  'error.not_found': '没有找到该内容',
  'error.route_not_found': '没有找到该内容',
  'error.internal_error': '服务器出错了，请稍后再试',
  'error.network': '网络连接失败，请检查网络后重试',
  'error.unknown': '出错了（{status}）',
  'error.loadFailed': '加载失败',
  'error.retry': '重试',

  'offline.banner': '网络已断开，正在显示的内容可能不是最新的',

  'shell.logout': '退出',
  'shell.loggingOut': '正在退出…',
  'shell.home': '首页',

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

  'status.pending': '待审核',
  'status.verified': '已认证',
  'status.suspended': '已暂停',
  'status.revoked': '已注销',

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

  'worker.mine': '我的',
  'worker.name': '姓名',
  'worker.platform': '平台',
  'worker.kind': '类型',
  'worker.depot': '配送站',
  'worker.phone': '手机号',
  'worker.status': '认证状态',
  'worker.community': '所属社区',
  'worker.notRegistered': '还没有找到你的骑手备案信息，请联系所在社区或配送站登记。',
  'worker.services': '常用服务',
  'worker.nearby': '身边的友好',
  'tile.entryPass': '进门码',
  'tile.entryPass.desc': '到小区门口出示，扫码进门',
  'tile.wayfinding': '找楼',
  'tile.wayfinding.desc': '楼栋、单元、临停区一查便知',
  'tile.stations': '驿站',
  'tile.stations.desc': '附近的暖心驿站：喝水、充电、歇脚',
  'tile.report': '随手拍',
  'tile.report.desc': '路上遇到的隐患和问题，拍下就报',

  'compound.title': '我的小区',
  'compound.gate': '门岗',
  'compound.address': '地址',
  'compound.location': '坐标',
  'compound.missing': '这个账号还没有关联小区。',
  'tile.scan': '扫码核验',
  'tile.scan.desc': '核验骑手进门码，一键登记',
  'tile.accessPlan': '通行方案',
  'tile.accessPlan.desc': '本小区的进门规则与绿色通道',
  'tile.map': '骑手友好地图',
  'tile.map.desc': '门岗、楼栋、单元、临停区平面图',
  'tile.dropoff': '集中放取点',
  'tile.dropoff.desc': '不能进门时的放件位置',

  'place.area': '服务区域',
  'place.areaName': '区域名称',
  'place.level': '层级',
  'place.inArea': '区域概况',
  'tile.station': '驿站管理',
  'tile.station.desc': '开放时间、设施与服务登记',
  'tile.handle': '问题处置',
  'tile.handle.desc': '处理骑手随手拍上报的问题',
  'tile.offers': '友好优惠',
  'tile.offers.desc': '为骑手提供的折扣与便利',
  'tile.canteen': '爱心餐',
  'tile.canteen.desc': '错峰就餐与爱心餐登记',
  'tile.wishes': '微心愿',
  'tile.wishes.desc': '认领骑手的微心愿',
  'tile.drives': '爱心活动',
  'tile.drives.desc': '发起与资助关爱活动',
  'place.workersHere': '本区域骑手',

  'stats.title': '数据概览',
  'stats.communities': '社区数',
  'stats.compounds': '小区数',
  'stats.workers': '骑手数',
  'stats.verified_workers': '已认证骑手',
  'stats.depots': '配送站',
  'stats.accounts': '账号数',
  'stats.places': '友好场景',
  'stats.children': '下级区域',

  'console.areas': '下级区域',
  'console.noChildren': '没有下级区域',
  'console.compoundCount': '{count} 个小区',
  'console.compoundCountOne': '{count} 个小区',
  'console.compounds': '小区名录',
  'console.workers': '骑手备案',
  'console.audit': '最近操作记录',
  'console.searchCompounds': '按小区名称搜索',
  'console.searchWorkers': '按姓名搜索',
  'console.statusFilter': '认证状态',
  'console.backHome': '返回我的区域',
  'console.showAll': '显示全部 {count} 条',

  'col.name': '名称',
  'col.code': '编码',
  'col.community': '社区',
  'col.street': '街道',
  'col.source': '来源',
  'col.workerName': '姓名',
  'col.kind': '类型',
  'col.platform': '平台',
  'col.depot': '配送站',
  'col.phone': '手机号',
  'col.status': '状态',
  'col.time': '时间',
  'col.actor': '操作人',
  'col.action': '操作',
  'col.entity': '对象',

  'source.osm': '地图数据',
  'source.generated': '演示数据',

  'action.account.create': '创建账号',
  'action.account.update': '修改账号',
  'action.account.disable': '停用账号',
  'action.worker.create': '骑手备案',
  'action.worker.update': '修改骑手信息',
  'action.worker.verify': '认证骑手',
  'action.session.create': '登录',

  'notfound.title': '页面不存在',
  'notfound.back': '返回首页',
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

  'login.title': 'Log in',
  'login.intro': 'Log in with your work account. Riders, property staff, stations and officers share one entrance.',
  'login.login': 'Account',
  'login.loginPlaceholder': 'Your login',
  'login.password': 'Password',
  'login.passwordPlaceholder': 'Your password',
  'login.showPassword': 'Show password',
  'login.hidePassword': 'Hide password',
  'login.submit': 'Log in',
  'login.submitting': 'Logging in…',
  'login.missing': 'Enter your login and password',
  'login.retryIn': 'Please try again in {seconds} s',
  'login.tooMany': 'Too many failed attempts.',
  'login.footer': 'Services for the new-employment workforce',

  'error.invalid_credentials': 'Wrong login or password',
  'error.login_rate_limited': 'Too many failed attempts',
  'error.validation_failed': 'Some fields are not valid',
  'error.invalid_json': 'The request was malformed',
  'error.auth_required': 'Your session has expired; please log in again',
  'error.csrf_failed': 'This page is out of date; refresh and try again',
  'error.forbidden': 'You are not allowed to see this',
  'error.not_found': 'Not found',
  'error.route_not_found': 'Not found',
  'error.internal_error': 'Server error; please try again later',
  'error.network': 'Network error; check your connection and try again',
  'error.unknown': 'Something went wrong ({status})',
  'error.loadFailed': 'Could not load',
  'error.retry': 'Retry',

  'offline.banner': 'You are offline; what you see may be out of date',

  'shell.logout': 'Log out',
  'shell.loggingOut': 'Logging out…',
  'shell.home': 'Home',

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

  'worker.mine': 'Me',
  'worker.name': 'Name',
  'worker.platform': 'Platform',
  'worker.kind': 'Kind',
  'worker.depot': 'Depot',
  'worker.phone': 'Phone',
  'worker.status': 'Verification',
  'worker.community': 'Community',
  'worker.notRegistered': 'We could not find your rider registration. Please ask your community or depot to register you.',
  'worker.services': 'Services',
  'worker.nearby': 'Friendly places around you',
  'tile.entryPass': 'Entry pass',
  'tile.entryPass.desc': 'Show it at the gate and scan in',
  'tile.wayfinding': 'Find a building',
  'tile.wayfinding.desc': 'Buildings, entrances and rider parking',
  'tile.stations': 'Stations',
  'tile.stations.desc': 'Rest stops nearby: water, charging, a seat',
  'tile.report': 'Snap & report',
  'tile.report.desc': 'Report a hazard or problem met on the road',

  'compound.title': 'My compound',
  'compound.gate': 'Gate',
  'compound.address': 'Address',
  'compound.location': 'Location',
  'compound.missing': 'This account is not linked to a compound yet.',
  'tile.scan': 'Scan & verify',
  'tile.scan.desc': "Check a rider's entry pass and register in one tap",
  'tile.accessPlan': 'Access plan',
  'tile.accessPlan.desc': "This compound's entry rules and green lanes",
  'tile.map': 'Compound map',
  'tile.map.desc': 'Gates, buildings, entrances and rider parking',
  'tile.dropoff': 'Drop-off point',
  'tile.dropoff.desc': 'Where orders go when riders may not enter',

  'place.area': 'Service area',
  'place.areaName': 'Area',
  'place.level': 'Level',
  'place.inArea': 'Area overview',
  'tile.station': 'My station',
  'tile.station.desc': 'Opening hours, facilities and services',
  'tile.handle': 'Handle reports',
  'tile.handle.desc': 'Deal with problems riders have reported',
  'tile.offers': 'Friendly offers',
  'tile.offers.desc': 'Discounts and help for riders',
  'tile.canteen': 'Caring meals',
  'tile.canteen.desc': 'Off-peak meals for riders',
  'tile.wishes': 'Micro-wishes',
  'tile.wishes.desc': "Claim a rider's small wish",
  'tile.drives': 'Care drives',
  'tile.drives.desc': 'Start and fund drives for riders',
  'place.workersHere': 'Riders in this area',

  'stats.title': 'Overview',
  'stats.communities': 'Communities',
  'stats.compounds': 'Compounds',
  'stats.workers': 'Riders',
  'stats.verified_workers': 'Verified riders',
  'stats.depots': 'Depots',
  'stats.accounts': 'Accounts',
  'stats.places': 'Friendly places',
  'stats.children': 'Sub-areas',

  'console.areas': 'Sub-areas',
  'console.noChildren': 'No sub-areas',
  'console.compoundCount': '{count} compounds',
  'console.compoundCountOne': '{count} compound',
  'console.compounds': 'Compounds',
  'console.workers': 'Rider registry',
  'console.audit': 'Recent changes',
  'console.searchCompounds': 'Search compounds by name',
  'console.searchWorkers': 'Search riders by name',
  'console.statusFilter': 'Status',
  'console.backHome': 'Back to my area',
  'console.showAll': 'Show all {count}',

  'col.name': 'Name',
  'col.code': 'Code',
  'col.community': 'Community',
  'col.street': 'Street',
  'col.source': 'Source',
  'col.workerName': 'Name',
  'col.kind': 'Kind',
  'col.platform': 'Platform',
  'col.depot': 'Depot',
  'col.phone': 'Phone',
  'col.status': 'Status',
  'col.time': 'Time',
  'col.actor': 'By',
  'col.action': 'Action',
  'col.entity': 'Object',

  'source.osm': 'Map data',
  'source.generated': 'Demo data',

  'action.account.create': 'Account created',
  'action.account.update': 'Account changed',
  'action.account.disable': 'Account disabled',
  'action.worker.create': 'Rider registered',
  'action.worker.update': 'Rider changed',
  'action.worker.verify': 'Rider verified',
  'action.session.create': 'Logged in',

  'notfound.title': 'Page not found',
  'notfound.back': 'Back to home',
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
  let saved: string | null = null;
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
