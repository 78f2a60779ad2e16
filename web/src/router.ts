/** Hash routes: #/login[?next=/path], #/home, #/areas/CODE. */

export type Route = { name: 'login'; next: string | null } | { name: 'home' } | { name: 'area'; code: string } | { name: 'notfound' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/home';
  const [pathname = '', search = ''] = path.split('?');
  if (pathname === '/login') {
    const next = new URLSearchParams(search).get('next');
    // Only same-app paths; never bounce back to the login page itself.
    const safe = next !== null && /^\/[a-z]/.test(next) && !next.startsWith('/login') && !next.startsWith('//');
    return { name: 'login', next: safe ? next : null };
  }
  if (pathname === '/' || pathname === '/home') return { name: 'home' };
  const area = /^\/areas\/([^/]+)$/.exec(pathname);
  if (area?.[1]) {
    try {
      return { name: 'area', code: decodeURIComponent(area[1]) };
    } catch {
      return { name: 'notfound' };
    }
  }
  return { name: 'notfound' };
}

/** The login route that brings the user back to `currentHash` afterwards. */
export function loginHashFor(currentHash: string): string {
  const path = currentHash.replace(/^#/, '');
  return path && path !== '/home' && path !== '/' && !path.startsWith('/login') ? `#/login?next=${encodeURIComponent(path)}` : '#/login';
}
