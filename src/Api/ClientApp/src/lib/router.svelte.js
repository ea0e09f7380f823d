// A small client-side router on the History API: the server answers index.html for every page
// route (WebUi.PageRoutes), and links inside the app change the page without a reload.

export const route = $state({ path: location.pathname, search: location.search });

function sync() {
  route.path = location.pathname;
  route.search = location.search;
}

window.addEventListener('popstate', sync);

/** Goes to a page of the app; replace keeps the browser's back button off the page left. */
export function navigate(to, { replace = false } = {}) {
  if (to === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  sync();
  window.scrollTo(0, 0);
}

/** The query string's value of name, or fallback. */
export function param(name, fallback = '') {
  return new URLSearchParams(route.search).get(name) ?? fallback;
}

/** Lets plain <a href="/..."> links of the app navigate without a reload. */
export function interceptLinks(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest?.('a[href]');
  if (!link || link.target || link.hasAttribute('download') || link.origin !== location.origin) return;
  const path = link.pathname;
  if (path.startsWith('/api/') || path.startsWith('/scalar') || path.startsWith('/openapi') || path.startsWith('/orleans') || path.startsWith('/health')) return;
  event.preventDefault();
  navigate(path + link.search);
}

/** Matches "/manage/lists/:id" against a path; returns the parameters or null. */
export function match(pattern, path) {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const values = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) values[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return values;
}
