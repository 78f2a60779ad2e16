// Shared by the e2e scenarios: API calls made from inside a page, so that they carry the page's
// session cookie (and its CSRF token for writes), exactly as the app's own requests do.

/** JSON fetch in `page`; resolves to { status, body } (body parsed when the answer is JSON). */
export const apiIn = (page, method, url, body) =>
  page.evaluate(
    async ({ method, url, body }) => {
      const headers = { Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const csrf = sessionStorage.getItem('youhao.csrf');
      if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
      const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
      const type = r.headers.get('content-type') ?? '';
      return { status: r.status, body: type.includes('json') ? await r.json() : await r.text() };
    },
    { method, url, body },
  );
