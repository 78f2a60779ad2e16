/**
 * #/register: a rider registers (phone, password, name, kind, platform, depot, the community that
 * verifies them, e-bike plate, photo) and signs the rider convention. The community is suggested
 * from the depot (GET /register/communities) and can be changed or searched. The photo goes up
 * after the account exists (PUT /workers/me/photo).
 */

import * as api from './api';
import { ApiError, isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { kindLabel, problemFieldErrors } from '../shell/format';
import { getLang, t } from '../shell/i18n';
import { icons } from '../shell/icons';
import { photoPicker } from '../shell/photo-picker';
import type { Account, RegisterOptions } from '../shell/types';
import { errorBox, errorMessageOf } from '../shell/ui';
import { langButton } from '../shell/shell';
import { ta, taMaybe } from './messages';
import { PHONE, phoneCodeField } from './phone-code';
import { communityLabel } from './verification';

/** 骑手友好公约: what a rider agrees to when registering. */
export const CONVENTION_ZH = [
  '遵守交通法规：不闯红灯、不逆行、不超速，小区和校园内减速慢行、礼让行人。',
  '进出小区主动出示本人实时进门码，服从门岗指引，按通行方案规定的门岗、路线和时段通行。',
  '电动车停放在指定临停区，不占用消防通道和盲道，不把电池带进楼道和电梯充电。',
  '文明礼貌，尊重居民、物业和门岗人员；遇到纠纷理性沟通，通过社区、驿站或“急难愁盼”反映诉求。',
  '保护客户隐私：不泄露、不留存、不转卖客户的姓名、电话和地址。',
  '进门码只限本人使用，不转借、不截图转发；手机丢失或换机时及时在App中重新生成。',
  '发现安全隐患、需要帮助的老人和儿童，及时通过“随手拍”上报，做城市的流动网格员。',
  '爱护公共设施和驿站物品，保持环境整洁，不乱扔外卖包装。',
];

const CONVENTION_EN = [
  'Obey traffic rules: no red lights, no wrong-way riding, no speeding; ride slowly and give way to pedestrians inside compounds.',
  'Show your own live entry pass at the gate, follow the guard, and use the gates, routes and hours of the access plan.',
  'Park e-bikes in the marked spots, keep fire lanes clear, never charge batteries in stairwells or lifts.',
  'Be courteous to residents, property staff and guards; settle disputes calmly through the community, a station or a report.',
  "Protect customers' privacy: never disclose, keep or sell their names, phone numbers or addresses.",
  'Your entry pass is for you alone: do not lend it or forward screenshots; re-issue it when you lose or change your phone.',
  'Report hazards and people in need (elderly, children) with Snap & report.',
  'Look after public facilities and stations; do not litter packaging.',
];


/** Shrinks big photos to at most 1280 px JPEG; small JPEG/PNG/WebP go up as they are. */
export async function preparePhoto(file: File): Promise<Blob> {
  const fine = /^image\/(jpeg|png|webp)$/.test(file.type) && file.size <= 1_500_000;
  if (fine || typeof createImageBitmap !== 'function') return file;
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, 1280 / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(bitmap.width * scale);
    canvas.height = Math.round(bitmap.height * scale);
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    bitmap.close();
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ?? file;
  } catch {
    return file;
  }
}

export function registerPage(signal: AbortSignal, onRegistered: (account: Account) => void): HTMLElement {
  const body = h('div', { class: 'card login-card register-card' }, h('div', { class: 'sk sk-title' }));
  api.registerOptions(signal).then(
    (options) => replace(body, form(options, onRegistered)),
    (error: unknown) => {
      if (!isAbort(error)) replace(body, errorBox(error, () => location.reload()));
    },
  );
  return h(
    'div',
    { class: 'login-page register-page', 'data-testid': 'register-page' },
    h(
      'div',
      { class: 'login-hero register-hero' },
      h(
        'div',
        { class: 'login-top' },
        h('a', { class: 'brand brand-light', href: '#/login' }, h('span', { class: 'logo' }, '友'), h('span', { class: 'brand-text' }, h('b', null, t('app.name')), h('small', null, t('app.tagline')))),
        langButton('lang-light'),
      ),
      h('div', { class: 'hero-copy' }, h('p', { class: 'hero-brand' }, ta('register.title')), h('p', { class: 'hero-sub' }, ta('register.intro'))),
    ),
    h('div', { class: 'login-panel' }, body, h('p', { class: 'login-footer' }, h('a', { href: '#/login', 'data-testid': 'back-to-login' }, ta('register.haveAccount')))),
  );
}

function field(label: string, id: string, control: HTMLElement, hint?: string): HTMLElement[] {
  return [h('label', { class: 'label', for: id }, label), control, hint ? h('p', { class: 'hint' }, hint) : null].filter(Boolean) as HTMLElement[];
}

function form(options: RegisterOptions, onRegistered: (account: Account) => void): HTMLFormElement {
  const input = (id: string, props: Record<string, unknown>): HTMLInputElement => h('input', { id, name: id, class: 'input', 'data-testid': `reg-${id}`, ...props });
  const phone = input('phone', { type: 'tel', inputmode: 'numeric', autocomplete: 'tel', maxlength: 11, placeholder: ta('register.phonePlaceholder'), required: true });
  // The phone is proven with a one-time code before the account exists.
  const code = phoneCodeField('reg', 'code', () => phone.value.trim(), (text) => showError([text]), () => (message.hidden = true));
  const password = input('password', { type: 'password', autocomplete: 'new-password', minlength: 8, maxlength: 128, placeholder: ta('register.passwordPlaceholder'), required: true });
  const name = input('name', { type: 'text', autocomplete: 'name', maxlength: 20, placeholder: ta('register.namePlaceholder'), required: true });
  const plate = input('plate', { type: 'text', maxlength: 16, autocapitalize: 'characters', placeholder: ta('register.platePlaceholder') });

  const select = (id: string, items: Array<[string, string]>, placeholder: string): HTMLSelectElement =>
    h('select', { id, name: id, class: 'input', 'data-testid': `reg-${id}`, required: true }, h('option', { value: '' }, placeholder), items.map(([value, label]) => h('option', { value }, label)));
  const kind = select('kind', options.kinds.map((k) => [k.code, getLang() === 'zh' ? k.label_zh : kindLabel(k.code)]), ta('register.choose'));
  const platform = select('platform', options.platforms.map((p) => [p.name, p.name]), ta('register.choose'));
  const depot = select('depot', [], ta('register.choosePlatformFirst'));

  // The community whose staff verify the rider: suggested from the depot, or found by name.
  const community = select('community', [], ta('register.chooseDepotFirst'));
  community.disabled = true;
  const communityQuery = h('input', {
    id: 'community-q',
    type: 'search',
    class: 'input',
    maxlength: 20,
    enterkeyhint: 'search',
    placeholder: ta('register.communitySearchPlaceholder'),
    'aria-label': ta('register.communitySearchLabel'),
    'data-testid': 'reg-community-q',
  });
  let communityTicket = 0;
  const fillCommunities = async (q = ''): Promise<void> => {
    const ticket = ++communityTicket;
    const depotId = Number(depot.value);
    if (!depotId) {
      replace(community, h('option', { value: '' }, ta('register.chooseDepotFirst')));
      community.disabled = true;
      return;
    }
    replace(community, h('option', { value: '' }, ta('register.communityLoading')));
    community.disabled = true;
    try {
      const { items } = await api.registerCommunities(depotId, q);
      if (ticket !== communityTicket) return;
      if (items.length === 0) {
        replace(community, h('option', { value: '' }, q ? ta('register.communityNoMatch', { q }) : ta('register.noCommunity')));
        community.disabled = !q;
        return;
      }
      replace(community, items.map((c) => h('option', { value: c.code }, communityLabel(c))));
      community.value = (items.find((c) => c.suggested) ?? items[0]!).code;
      community.disabled = false;
    } catch (error) {
      if (ticket !== communityTicket || isAbort(error)) return;
      replace(community, h('option', { value: '' }, ta('register.noCommunity')));
      showError([errorMessageOf(error)]);
    }
  };
  const searchCommunities = (): void => void fillCommunities(communityQuery.value.trim());
  communityQuery.addEventListener('keydown', (event: KeyboardEvent) => {
    // Enter searches; it must not submit the registration.
    if (event.key === 'Enter') {
      event.preventDefault();
      searchCommunities();
    }
  });
  const communitySearch = h('button', { type: 'button', class: 'btn btn-secondary code-button', 'data-testid': 'reg-community-search', onClick: searchCommunities }, ta('register.communitySearch'));
  depot.addEventListener('change', () => {
    communityQuery.value = '';
    void fillCommunities();
  });

  const fillDepots = (): void => {
    const chosen = options.platforms.find((p) => p.name === platform.value);
    const depots = chosen ? options.depots.filter((d) => String(d.platform) === String(chosen.index) || d.platform === chosen.name) : [];
    replace(
      depot,
      h('option', { value: '' }, chosen ? (depots.length ? ta('register.choose') : ta('register.noDepot')) : ta('register.choosePlatformFirst')),
      depots.map((d) => h('option', { value: String(d.id) }, d.name)),
    );
    depot.disabled = !chosen;
    void fillCommunities();
  };
  platform.addEventListener('change', fillDepots);
  fillDepots();

  // Photo: camera on phones (capture), a file anywhere else; previewed before it is sent.
  const picker = photoPicker({ testId: 'reg-photo', id: 'photo', name: 'photo', accept: 'image/jpeg,image/png,image/webp,image/*', capture: 'user', label: ta('register.photoPick'), hint: ta('register.photoHint') });

  const convention = h(
    'details',
    { class: 'convention', 'data-testid': 'convention' },
    h('summary', null, icon(icons.clipboard), h('span', null, ta('register.conventionTitle'))),
    h('ol', null, (getLang() === 'zh' ? CONVENTION_ZH : CONVENTION_EN).map((line) => h('li', null, line))),
  );
  const accept = h('input', { type: 'checkbox', id: 'convention', name: 'convention', 'data-testid': 'reg-convention' });
  const acceptRow = h('label', { class: 'check', for: 'convention' }, accept, h('span', null, ta('register.conventionAccept')));

  const message = h('div', { class: 'form-error', role: 'alert', 'aria-live': 'assertive', 'data-testid': 'register-error', hidden: true });
  const showError = (lines: string[]): void => {
    message.hidden = false;
    replace(message, icon(icons.alert, 'form-error-icon'), h('div', null, lines.map((line) => h('div', null, line))));
    message.scrollIntoView({ block: 'nearest' });
  };
  const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'register-submit' }, ta('register.submit'));
  accept.addEventListener('change', () => {
    if (accept.checked) message.hidden = true;
  });

  return h(
    'form',
    {
      class: 'login-form register-form',
      novalidate: true,
      'data-testid': 'register-form',
      onSubmit: async (event: Event) => {
        event.preventDefault();
        const problems: string[] = [];
        if (!PHONE.test(phone.value.trim())) problems.push(ta('register.badPhone'));
        if (!code.code()) problems.push(ta('register.badCode'));
        if (password.value.length < 8) problems.push(ta('register.badPassword'));
        const nameText = name.value.trim();
        if (!nameText || [...nameText].length > 20) problems.push(ta('register.badName'));
        if (!kind.value || !platform.value || !depot.value) problems.push(ta('register.missingChoice'));
        if (!accept.checked) problems.push(ta('register.mustAccept'));
        if (problems.length) {
          showError(problems);
          return;
        }
        message.hidden = true;
        submit.disabled = true;
        submit.textContent = ta('register.submitting');
        try {
          const result = await api.register({
            phone: phone.value.trim(),
            password: password.value,
            name: nameText,
            kind: kind.value,
            platform: platform.value,
            depot_id: Number(depot.value),
            // Empty while the list loads or when none was found: the server takes the depot's suggestion.
            community_code: community.value || undefined,
            plate: plate.value.trim().toUpperCase(),
            convention_accepted: true,
            code: code.code() ?? '',
          });
          const file = picker.file();
          if (file) {
            submit.textContent = ta('register.uploadingPhoto');
            try {
              await api.uploadPhoto(await preparePhoto(file));
            } catch {
              // The account exists; the photo can be added later. Say so on the home screen.
              sessionStorage.setItem('youhao.photoFailed', '1');
            }
          }
          onRegistered(result.account);
        } catch (error) {
          submit.disabled = false;
          submit.textContent = ta('register.submit');
          const fields = error instanceof ApiError ? problemFieldErrors(error.problem) : [];
          showError([errorMessageOf(error), ...fields.map(([f, m]) => `${taMaybe(`register.field.${f}`, f)}：${m}`)]);
        }
      },
    },
    h('h1', { class: 'login-title' }, ta('register.formTitle')),
    h('p', { class: 'login-intro' }, ta('register.formIntro')),
    field(ta('register.phone'), 'phone', phone),
    h('label', { class: 'label', for: 'code' }, ta('code.label')),
    h('div', { class: 'code-row' }, code.input, code.button),
    code.note,
    field(ta('register.password'), 'password', password),
    field(ta('register.name'), 'name', name, ta('register.nameHint')),
    h('div', { class: 'form-row' }, h('div', null, field(ta('register.kind'), 'kind', kind)), h('div', null, field(ta('register.platform'), 'platform', platform))),
    field(ta('register.depot'), 'depot', depot),
    field(ta('register.community'), 'community', community, ta('register.communityHint')),
    h('div', { class: 'code-row', 'data-testid': 'reg-community-finder' }, communityQuery, communitySearch),
    field(ta('register.plate'), 'plate', plate, ta('register.plateHint')),
    h('span', { class: 'label' }, ta('register.photo')),
    picker.element,
    h('span', { class: 'label' }, ta('register.convention')),
    convention,
    acceptRow,
    message,
    submit,
  );
}
