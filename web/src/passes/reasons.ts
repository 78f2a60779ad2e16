/** The stable verification codes of docs/passes.md and the reason shown to the guard. */

export type PassCode =
  | 'pass_ok'
  | 'pass_malformed'
  | 'pass_unknown_key'
  | 'pass_bad_signature'
  | 'pass_expired'
  | 'pass_stale'
  | 'pass_bad_device_signature'
  | 'pass_revoked'
  | 'worker_revoked'
  | 'worker_suspended'
  | 'worker_not_verified'
  | 'not_on_whitelist'
  | 'outside_hours'
  | 'drop_off_only'
  | 'gate_not_allowed'
  | 'compound_not_found'
  | 'gate_not_found';

export interface ReasonDetail {
  openingHours?: string;
  dropOffPoints?: Array<{ name: string; description?: string | null }>;
  greenLaneGates?: string[];
}

const ZH: Record<PassCode, string> = {
  pass_ok: '核验通过',
  pass_malformed: '不是有效的进门码',
  pass_unknown_key: '进门码签发密钥未知（请同步）',
  pass_bad_signature: '进门码签名无效（可能被伪造或篡改）',
  pass_expired: '进门码已过期，请骑手在App中更新',
  pass_stale: '进门码已失效（截图或照片无效，请出示实时码）',
  pass_bad_device_signature: '进门码与绑定手机不符',
  pass_revoked: '此进门码已被注销',
  worker_revoked: '骑手资格已被撤销',
  worker_suspended: '骑手资格已被暂停',
  worker_not_verified: '骑手尚未通过认证',
  not_on_whitelist: '不在本小区常驻骑手名单内',
  outside_hours: '当前不在允许进入的时段（开放时间：{hours}）',
  drop_off_only: '本小区不允许进入，请将订单放在：{points}',
  gate_not_allowed: '此门不允许骑手通行，请走绿色通道：{gates}',
  compound_not_found: '小区不存在',
  gate_not_found: '门岗不存在',
};

const EN: Record<PassCode, string> = {
  pass_ok: 'Verified',
  pass_malformed: 'Not a valid entry pass',
  pass_unknown_key: 'Unknown issuer key (please sync)',
  pass_bad_signature: 'Invalid signature (forged or altered)',
  pass_expired: 'Pass expired; the rider must renew it in the app',
  pass_stale: 'Code no longer valid (screenshots and photos do not work; show the live code)',
  pass_bad_device_signature: 'Code does not match the bound phone',
  pass_revoked: 'This pass has been revoked',
  worker_revoked: "The rider's registration has been revoked",
  worker_suspended: "The rider's registration is suspended",
  worker_not_verified: 'The rider is not verified yet',
  not_on_whitelist: "Not on this compound's resident rider list",
  outside_hours: 'Outside the allowed hours (open: {hours})',
  drop_off_only: 'Riders may not enter; leave orders at: {points}',
  gate_not_allowed: 'Riders may not use this gate; please use the green lane: {gates}',
  compound_not_found: 'Compound not found',
  gate_not_found: 'Gate not found',
};

export function isPassCode(code: string): code is PassCode {
  return Object.prototype.hasOwnProperty.call(ZH, code);
}

export function dropOffText(points: ReasonDetail['dropOffPoints'], lang: 'zh' | 'en' = 'zh'): string {
  return (points ?? []).map((p) => (p.description ? `${p.name}${lang === 'zh' ? `（${p.description}）` : ` (${p.description})`}` : p.name)).join(lang === 'zh' ? '；' : '; ');
}

export function reasonFor(code: PassCode | string, detail: ReasonDetail = {}, lang: 'zh' | 'en' = 'zh'): string {
  const table = lang === 'en' ? EN : ZH;
  let template = isPassCode(code) ? table[code] : code;
  // Without green-lane gates the server says only the first half.
  if (code === 'gate_not_allowed' && !(detail.greenLaneGates ?? []).length) template = template.replace(/[：:] ?\{gates\}$/, '');
  return template
    .replace('{hours}', detail.openingHours ?? '—')
    .replace('{points}', dropOffText(detail.dropOffPoints, lang) || '—')
    .replace('{gates}', (detail.greenLaneGates ?? []).join(lang === 'zh' ? '、' : ', ') || '—');
}
