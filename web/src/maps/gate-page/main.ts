/**
 * The light gate page (m.html): what a rider opens by scanning a compound's poster, /m/CODE (and
 * the finder, /m). It runs the map page of map-worker.ts alone: no app shell, router or session,
 * no other feature and no map library, and the build puts this code and its styles inside the
 * HTML (vite.config.ts), so the page is one request before its map JSON. The server sends m.html
 * for /m and /m/CODE; the app shows the same page at #/m….
 */

import '../../shell/base.css';
import { initLang, onLangChange } from '../../shell/i18n';
import { registerServiceWorker } from '../../shell/service-worker';
import { mapPath } from '../map-path';
import { mapPage } from '../map-worker';

const root = document.getElementById('app') as HTMLElement;
let controller: AbortController | null = null;

function render(): void {
  controller?.abort();
  controller = new AbortController();
  const route = mapPath(location.pathname, location.search.replace(/^\?/, ''));
  // Any other path (or a code that is not one) is the app's: it says what is there.
  if (!route || route.name === 'notfound') {
    location.replace(`/#${location.pathname}${location.search}`);
    return;
  }
  root.replaceChildren(mapPage(route, controller.signal));
}

initLang();
// Reloads offline once opened: the worker keeps this page (its code is inside it).
registerServiceWorker([location.href]);
onLangChange(() => render());
render();
