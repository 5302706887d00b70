/**
 * WordPress files and folders that sit directly below the site address.
 * People paste the admin page they are on, the login page or a REST route,
 * so everything from the first of these segments on is dropped.
 */
const WORDPRESS_SEGMENT =
  /\/(?:wp-admin|wp-json|wp-content|wp-includes|wp-login\.php|index\.php|xmlrpc\.php)(?:\/.*)?$/i;

/**
 * Reduces a pasted address to the WordPress site address that /wp-json/
 * is served below, keeping a sub-folder install such as /shop.
 */
export function wooSiteAddress(storeUrl: URL): URL {
  const url = new URL(storeUrl.href);
  url.search = "";
  url.hash = "";
  url.pathname = url.pathname.replace(WORDPRESS_SEGMENT, "").replace(/\/+$/, "");
  return url;
}

/** Writes a site address the way the user would type it, without a trailing slash. */
export function formatSiteAddress(url: URL): string {
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
