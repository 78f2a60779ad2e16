/** Hash routes: #/login[?next=/path], #/register, #/home, #/areas/CODE, #/compounds/CODE, #/pass, #/gate, #/rate. */

export type Route =
  | { name: 'login'; next: string | null }
  | { name: 'register' }
  | { name: 'home' }
  | { name: 'area'; code: string }
  | { name: 'compound'; code: string }
  | { name: 'pass' }
  | { name: 'gate' }
  | { name: 'rate' }
  | { name: 'notfound' };

/** Routes that are useful without the network once loaded (the session is taken from the local copy). */
export function worksOffline(route: Route): boolean {
  return route.name === 'pass' || route.name === 'gate';
}

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
  if (pathname === '/register') return { name: 'register' };
  if (pathname === '/pass') return { name: 'pass' };
  if (pathname === '/gate') return { name: 'gate' };
  if (pathname === '/rate') return { name: 'rate' };
  const coded = /^\/(areas|compounds)\/([^/]+)$/.exec(pathname);
  if (coded?.[2]) {
    try {
      return { name: coded[1] === 'areas' ? 'area' : 'compound', code: decodeURIComponent(coded[2]) };
    } catch {
      return { name: 'notfound' };
    }
  }
  return { name: 'notfound' };
}

/** The login route that brings the user back to `currentHash` afterwards. */
export function loginHashFor(currentHash: string): string {
  const path = currentHash.replace(/^#/, '');
  return path && path !== '/home' && path !== '/' && !path.startsWith('/login') && !path.startsWith('/register') ? `#/login?next=${encodeURIComponent(path)}` : '#/login';
}
