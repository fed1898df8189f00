/**
 * Where the login page sends the user afterwards. The target travels in `?next=` and is only
 * honoured when it is a path on this site, so a crafted link cannot send a freshly signed-in
 * user elsewhere (an open redirect).
 */

export const LOGIN_PATH = "/login";

/** `/admin/users?x=1` → `/login?next=%2Fadmin%2Fusers%3Fx%3D1`; the site root needs no `next`. */
export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  if (location.pathname === "/" || location.pathname === LOGIN_PATH) return LOGIN_PATH;
  const next = `${location.pathname}${location.search}${location.hash}`;
  return `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}

/**
 * The `next` parameter when it is a same-site path (`/cases?team=billing`), else null:
 * absolute URLs, protocol-relative `//host` and backslash tricks are refused, as is the login
 * page itself.
 */
export function safeNextPath(raw: string | null): string | null {
  if (raw === null || !raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) {
    return null;
  }
  const base = "http://throughline.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base || url.pathname === LOGIN_PATH) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}
