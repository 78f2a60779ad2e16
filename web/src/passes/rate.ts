/** #/rate — a rider rates a compound after entering it (1–5 stars, 门难进/脸难看, a comment). */

import * as accountsApi from '../accounts/api';
import * as api from './api';
import { isAbort } from '../shell/api';
import { h, icon, replace } from '../shell/dom';
import { t } from '../shell/i18n';
import { icons } from '../shell/icons';
import type { CompoundSummary } from '../shell/types';
import { card, errorBox, errorMessageOf, searchBox, section, skeletonLines } from '../shell/ui';
import { tpass } from './messages';

export function ratePage(signal: AbortSignal): HTMLElement {
  const results = h('div', { class: 'pick-results', 'data-testid': 'rate-results' });
  const formSlot = h('div');
  const search = async (q: string): Promise<void> => {
    replace(results, skeletonLines(3));
    try {
      const page = await accountsApi.compounds({ q, limit: 8 }, signal);
      replace(
        results,
        page.items.length === 0
          ? h('div', { class: 'empty' }, t('common.none'))
          : h(
              'ul',
              { class: 'pick-list' },
              page.items.map((c) =>
                h(
                  'li',
                  null,
                  h(
                    'button',
                    { type: 'button', class: 'pick', 'data-code': c.code, 'data-testid': 'rate-pick', onClick: () => choose(c) },
                    icon(icons.building, 'pick-icon'),
                    h('span', { class: 'pick-text' }, h('strong', null, c.name_zh), h('span', { class: 'muted' }, [c.street_name, c.community_name].filter(Boolean).join(' · '))),
                    icon(icons.chevron, 'child-chevron'),
                  ),
                ),
              ),
            ),
      );
    } catch (error) {
      if (!isAbort(error)) replace(results, errorBox(error, () => void search(q)));
    }
  };

  const choose = (compound: CompoundSummary): void => {
    let rating = 0;
    const stars = [1, 2, 3, 4, 5].map((n) =>
      h(
        'button',
        {
          type: 'button',
          class: 'star',
          'aria-label': tpass('rate.stars', { count: n }),
          'aria-pressed': 'false',
          'data-testid': `rate-star-${n}`,
          onClick: () => {
            rating = n;
            stars.forEach((s, i) => s.setAttribute('aria-pressed', String(i < n)));
            ratingText.textContent = tpass(`rate.level${n}` as 'rate.level1');
          },
          html: icons.star,
        },
      ),
    );
    const ratingText = h('span', { class: 'muted rating-text' }, tpass('rate.choose'));
    const unfair = h('input', { type: 'checkbox', id: 'unfair', 'data-testid': 'rate-unfair' });
    const comment = h('textarea', { class: 'input', rows: 3, maxlength: 500, placeholder: tpass('rate.commentPlaceholder'), 'data-testid': 'rate-comment' });
    const message = h('div', { class: 'form-error', role: 'alert', hidden: true, 'data-testid': 'rate-error' });
    const submit = h('button', { type: 'submit', class: 'btn btn-primary btn-block', 'data-testid': 'rate-submit' }, tpass('rate.submit'));
    replace(
      formSlot,
      section(
        compound.name_zh,
        card(
          h(
            'form',
            {
              class: 'rate-form',
              'data-testid': 'rate-form',
              onSubmit: async (event: Event) => {
                event.preventDefault();
                if (!rating) {
                  message.hidden = false;
                  replace(message, icon(icons.alert, 'form-error-icon'), h('span', null, tpass('rate.needStars')));
                  return;
                }
                submit.disabled = true;
                try {
                  const sent = await api.sendFeedback(compound.code, { rating, unfair: unfair.checked, comment: comment.value.trim() });
                  replace(
                    formSlot,
                    card(
                      [
                        h('div', { class: 'done-mark' }, '✓'),
                        h('h2', { 'data-testid': 'rate-done' }, tpass('rate.thanks')),
                        h('p', { class: 'muted' }, tpass('rate.followUp', { name: compound.name_zh })),
                        sent?.replaced ? h('p', { class: 'muted', 'data-testid': 'rate-replaced' }, tpass('rate.replaced')) : null,
                        h('a', { class: 'btn btn-secondary', href: '#/home' }, t('notfound.back')),
                      ],
                      'rate-done',
                    ),
                  );
                } catch (error) {
                  submit.disabled = false;
                  message.hidden = false;
                  replace(message, icon(icons.alert, 'form-error-icon'), h('span', null, errorMessageOf(error)));
                }
              },
            },
            h('span', { class: 'label' }, tpass('rate.rating')),
            h('div', { class: 'stars', role: 'group', 'aria-label': tpass('rate.rating') }, stars, ratingText),
            h('label', { class: 'check check-warn', for: 'unfair' }, unfair, h('span', null, h('b', null, tpass('rate.unfair')), h('small', null, tpass('rate.unfairHint')))),
            h('label', { class: 'label' }, tpass('rate.comment')),
            comment,
            message,
            submit,
          ),
        ),
        { testid: 'rate-section' },
      ),
    );
    formSlot.scrollIntoView({ behavior: 'smooth', block: 'start' });
  };

  void search('');
  return h(
    'div',
    { class: 'page page-rate', 'data-testid': 'rate-page' },
    section(tpass('rate.title'), card([h('p', { class: 'muted rate-intro' }, tpass('rate.intro')), searchBox(tpass('rate.search'), '', (q) => void search(q)), results], 'list-card'), { testid: 'rate-picker' }),
    formSlot,
  );
}
