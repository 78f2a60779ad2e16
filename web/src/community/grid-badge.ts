/**
 * A worker's own roaming-grid-reporter appointment (GET /api/v1/grid-reporters answers it for a
 * worker): a badge on the home screen, a note on the report form. Empty when not appointed.
 */

import * as api from './api';
import { h, replace } from '../shell/dom';
import { tc } from './messages';

export function gridReporterBadge(kind: 'badge' | 'note', signal?: AbortSignal): HTMLElement {
  const slot = h('div', { class: 'grid-badge-slot' });
  api.gridReporters(false, signal).then(
    (answer) => {
      const mine = answer.items.find((item) => item.active);
      if (!mine) return;
      replace(
        slot,
        kind === 'badge'
          ? h('div', { class: 'grid-badge', 'data-testid': 'grid-reporter-badge', 'data-area': mine.area.code }, h('span', { class: 'grid-badge-dot', 'aria-hidden': 'true' }), tc('grid.badge', { area: mine.area.name, end: mine.term_end }))
          : h('p', { class: 'notice notice-ok grid-note', role: 'note', 'data-testid': 'grid-reporter-note' }, tc('grid.reportNote', { area: mine.area.name })),
      );
    },
    () => undefined,
  );
  return slot;
}
