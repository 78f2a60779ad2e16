/**
 * The 我的培训与证书 tile (a worker's home), 培训管理 (organisers' homes) and 证书验真 tiles: small, for
 * the main chunk (the pages themselves load lazily).
 */

import { icons } from '../shell/icons';
import { featureMessages } from '../shell/i18n';
import { tile } from '../shell/ui';

const words = featureMessages({
  zh: {
    mine: '我的培训与证书',
    mineDesc: '培训记录、证书和验真二维码',
    admin: '培训管理',
    adminDesc: '课程、课次结业登记、技能比武',
    verify: '证书验真',
    verifyDesc: '扫码核验培训证书、聘书，离线也能用',
  },
  en: {
    mine: 'My training',
    mineDesc: 'Your training record, certificates and their QR codes',
    admin: 'Training',
    adminDesc: 'Courses, session results, skills contests',
    verify: 'Check a certificate',
    verifyDesc: 'Scan a certificate’s QR code, offline too',
  },
}).t;

export function trainingMineTile(): HTMLElement {
  return tile({ icon: icons.shield, title: words('mine'), desc: words('mineDesc'), href: '#/training/mine', testid: 'tile-training-mine' });
}

export function trainingAdminTile(): HTMLElement {
  return tile({ icon: icons.clipboard, title: words('admin'), desc: words('adminDesc'), href: '#/training', testid: 'tile-training' });
}

export function certificateVerifyTile(): HTMLElement {
  return tile({ icon: icons.shield, title: words('verify'), desc: words('verifyDesc'), href: '#/certificates/verify', testid: 'tile-certificate-verify' });
}
