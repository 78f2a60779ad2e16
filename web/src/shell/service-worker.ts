/**
 * Registers the service worker (web/sw.js; production builds, secure contexts only) and tells it
 * which files this page loaded before it controlled the page, so it keeps them (it takes control
 * once they are kept). `alsoKeep` adds URLs that are no resource of the page: the light gate page
 * names itself, since its code and styles are inside its HTML.
 */
export function registerServiceWorker(alsoKeep: string[] = []): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator) || !window.isSecureContext) return;
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
    void navigator.serviceWorker.ready.then((registration) => {
      const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
      registration.active?.postMessage({ type: 'used', urls: [...alsoKeep, ...urls] });
    });
  });
}
