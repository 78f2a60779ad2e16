/**
 * The words of the event door (入场扫码, #/events/ID/door): the scanner, the offline queue and the
 * attendance list. Chinese first, {name} placeholders, the language read from <html lang>.
 */

import { featureMessages, pageLang } from '../shell/i18n';

const zh = {
  'door.title': '入场扫码',
  'door.loading': '正在读取活动…',
  'door.online': '在线',
  'door.offline': '离线',
  'door.counter': '已签到 {in} / 待同步 {pending}',
  'door.sync': '同步',
  'door.syncing': '同步中…',
  'door.synced': '已同步 {count} 条',
  'door.syncFailed': '同步失败：{error}（扫码记录仍保存在本机）',
  'door.rosterAt': '名单更新于 {time}',
  'door.noRoster': '还没有报名名单：联网后自动更新',
  'door.in': '签入',
  'door.out': '签出',
  'door.direction': '方向',
  'door.scanner': '扫码枪 / 输入框',
  'door.scannerPlaceholder': '扫码枪扫描后自动提交',
  'door.manual': '手动输入',
  'door.manualPlaceholder': '粘贴进门码文字，或输入骑手的 10 位数字码',
  'door.submit': '登记',
  'door.cameraStart': '打开摄像头扫码',
  'door.cameraStop': '关闭摄像头',
  'door.cameraOff': '摄像头未打开',
  'door.cameraUnsupported': '此浏览器不能使用摄像头：请用扫码枪或手动输入',
  'door.cameraDenied': '无法打开摄像头：{error}',
  'door.recent': '本机扫码记录',
  'door.recentEmpty': '还没有扫码',
  'door.attendance': '出勤名单',
  'door.attendanceOffline': '联网后显示出勤名单',
  'door.attendanceEmpty': '还没有报名或签到的人',
  'door.attendanceCounts': '报名 {registered} · 到场 {attended} · 现场报名 {walk_ins} · 已签出 {checked_out}',
  'door.export': '导出出勤表（CSV）',
  'door.next': '继续扫码',
  'door.walkInTag': '现场报名',
  'door.notIn': '未到场',
  'door.inAt': '签到 {time}',
  'door.outAt': '签出 {time}',
  'door.typedName': '数字码 {digits}',
  'door.unknownWorker': '未知骑手',

  'local.registered': '已报名，准予入场',
  'local.walk_in': '未报名：现场报名入场（已标记）',
  'local.not_registered': '未报名：本活动不接受现场报名',
  'local.unreadable': '不是有效的进门码',
  'local.later': '已记录，联网后核验',
  'local.out': '签出已记录',

  'state.queued': '待同步',
  'state.verified': '已核验',
  'state.unverified': '未核验',
  'state.duplicate': '重复上传',
  'state.refused': '被拒绝',

  'reason.not_registered': '未报名',
  'reason.scan_time': '扫码时间不对（早于活动当天或在未来）',
  'reason.pass_malformed': '不是有效的进门码',
  'reason.pass_bad_signature': '进门码签名无效（可能被伪造）',
  'reason.pass_unknown_key': '进门码签发密钥未知',
  'reason.pass_bad_device_signature': '进门码与绑定手机不符',
  'reason.pass_expired': '进门码已过期',
  'reason.pass_stale': '进门码已失效（截图或照片）',
  'reason.pass_revoked': '进门码已被注销',
  'reason.worker_revoked': '骑手资格已被注销',
  'reason.worker_suspended': '骑手资格已被暂停',
  'reason.worker_not_verified': '骑手尚未通过审核',
  'reason.short_code_wrong': '数字码不对',
  'reason.other': '未通过核验',
} as const;

type Key = keyof typeof zh;

const en: Record<Key, string> = {
  'door.title': 'Door scanner',
  'door.loading': 'Loading the event…',
  'door.online': 'Online',
  'door.offline': 'Offline',
  'door.counter': 'Checked in {in} / to sync {pending}',
  'door.sync': 'Sync',
  'door.syncing': 'Syncing…',
  'door.synced': '{count} synced',
  'door.syncFailed': 'Sync failed: {error} (the scans stay on this device)',
  'door.rosterAt': 'List updated {time}',
  'door.noRoster': 'No list of registrations yet: it updates once online',
  'door.in': 'Check in',
  'door.out': 'Check out',
  'door.direction': 'Direction',
  'door.scanner': 'Scanner / input',
  'door.scannerPlaceholder': 'A handheld scanner submits by itself',
  'door.manual': 'Type or paste',
  'door.manualPlaceholder': 'Paste the pass text, or type the rider’s 10-digit code',
  'door.submit': 'Record',
  'door.cameraStart': 'Scan with the camera',
  'door.cameraStop': 'Stop the camera',
  'door.cameraOff': 'The camera is off',
  'door.cameraUnsupported': 'This browser has no camera access: use a scanner or type the code',
  'door.cameraDenied': 'The camera could not start: {error}',
  'door.recent': 'Scans on this device',
  'door.recentEmpty': 'No scans yet',
  'door.attendance': 'Attendance',
  'door.attendanceOffline': 'The attendance list shows once online',
  'door.attendanceEmpty': 'Nobody registered or checked in yet',
  'door.attendanceCounts': 'Registered {registered} · came {attended} · walk-ins {walk_ins} · checked out {checked_out}',
  'door.export': 'Export attendance (CSV)',
  'door.next': 'Next scan',
  'door.walkInTag': 'Walk-in',
  'door.notIn': 'Not here',
  'door.inAt': 'In {time}',
  'door.outAt': 'Out {time}',
  'door.typedName': 'Digit code {digits}',
  'door.unknownWorker': 'Unknown rider',

  'local.registered': 'Registered: let in',
  'local.walk_in': 'Not registered: let in as a walk-in (flagged)',
  'local.not_registered': 'Not registered: this event takes no walk-ins',
  'local.unreadable': 'Not a valid pass',
  'local.later': 'Recorded: checked once online',
  'local.out': 'Check-out recorded',

  'state.queued': 'To sync',
  'state.verified': 'Verified',
  'state.unverified': 'Unverified',
  'state.duplicate': 'Uploaded before',
  'state.refused': 'Refused',

  'reason.not_registered': 'Not registered',
  'reason.scan_time': 'Wrong scan time (before the event’s day or in the future)',
  'reason.pass_malformed': 'Not a valid pass',
  'reason.pass_bad_signature': 'The pass signature is invalid (possibly forged)',
  'reason.pass_unknown_key': 'The pass was signed by an unknown key',
  'reason.pass_bad_device_signature': 'The pass does not match its phone',
  'reason.pass_expired': 'The pass has expired',
  'reason.pass_stale': 'The pass was stale (a screenshot or photo)',
  'reason.pass_revoked': 'The pass was revoked',
  'reason.worker_revoked': 'The rider’s registration was revoked',
  'reason.worker_suspended': 'The rider is suspended',
  'reason.worker_not_verified': 'The rider is not verified yet',
  'reason.short_code_wrong': 'Wrong digit code',
  'reason.other': 'Not verified',
};

export type DoorMessageKey = Key;
export const doorDictionaries = { zh, en } as const;
export const lang = pageLang;
const messages = featureMessages(doorDictionaries);
export const tdoor = messages.t;

/** Why the server refused or flagged a scan, in the page's language. */
export function reasonText(reason: string | null | undefined): string {
  if (!reason) return '';
  return messages.maybe(`reason.${reason}`, messages.t('reason.other'));
}
