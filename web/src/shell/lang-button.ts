/** The 中文 / English switch, in the signed-in frame and on the public pages (the light gate page too). */

import { h, icon } from './dom';
import { getLang, setLang, t } from './i18n';
import { icons } from './icons';

export function langButton(extraClass = ''): HTMLButtonElement {
  return h(
    'button',
    {
      type: 'button',
      class: `btn btn-ghost lang ${extraClass}`.trim(),
      lang: getLang() === 'zh' ? 'en' : 'zh-CN',
      'aria-label': t('lang.switchAria'),
      'data-testid': 'lang-switch',
      onClick: () => setLang(getLang() === 'zh' ? 'en' : 'zh'),
    },
    icon(icons.globe),
    h('span', null, t('lang.switch')),
  );
}
