/**
 * The paths of the map pages: /m (the finder) and /m/CODE[?q=address] (a compound's page, the
 * poster's QR code). Read by the SPA's router (shell/router.ts, also for #/m…) and by the gate
 * page's own entry (gate-page/main.ts), which the server sends for these paths.
 */

export type MapPath = { name: 'map'; code: string; q: string } | { name: 'mapFind'; q: string } | { name: 'notfound' };

/** The map page at `pathname` with query `search` (without "?"), or null when it is not one. */
export function mapPath(pathname: string, search: string): MapPath | null {
  const m = /^\/m(?:\/([^/]+))?\/?$/.exec(pathname);
  if (!m) return null;
  const q = (new URLSearchParams(search).get('q') ?? '').trim().slice(0, 200);
  if (!m[1]) return { name: 'mapFind', q };
  try {
    return { name: 'map', code: decodeURIComponent(m[1]), q };
  } catch {
    return { name: 'notfound' };
  }
}
