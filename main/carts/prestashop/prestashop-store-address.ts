/** The shop's base address that a pasted address leads to. */
export type PrestaShopStoreAddress = {
  /** The shop's address, with its folder if it runs in one. */
  storeUrl: URL;
  /**
   * The first removed path segment ("api", the back office folder or
   * "index.php"), or null when nothing was removed. The rest of the path is
   * not kept, because a back office address carries a security token.
   */
  removedSegment: string | null;
};

/**
 * The back office folder: the installer renames "admin" to "admin" plus
 * random letters and digits, such as admin123xyz or admin-dev.
 */
const BACK_OFFICE_SEGMENT = /^admin[a-z0-9_-]*$/i;

/**
 * Reduces an address as users paste it to the shop's base address. It cuts
 * the path at an "api" segment (a webservice address such as /api/orders),
 * at the back office folder (an address copied from the back office, such
 * as /admin123xyz/index.php?controller=AdminOrders) or at a final
 * index.php. What comes before stays, so a shop folder such as /tienda is
 * kept.
 * NOTE: a shop installed in a folder whose name starts with "admin" loses
 * that folder. A back office folder renamed to a name without "admin" is
 * not recognised. In both cases the connection test reports that no
 * webservice was found at the address.
 */
export function resolvePrestaShopStoreAddress(address: URL): PrestaShopStoreAddress {
  const segments = address.pathname.split("/").filter(Boolean);
  let cut = segments.findIndex(
    (segment) => segment.toLowerCase() === "api" || BACK_OFFICE_SEGMENT.test(segment),
  );
  if (cut < 0) cut = segments.at(-1)?.toLowerCase() === "index.php" ? segments.length - 1 : segments.length;

  const storeUrl = new URL(address.href);
  storeUrl.pathname = segments.slice(0, cut).map((segment) => `/${segment}`).join("");
  return { storeUrl, removedSegment: segments[cut] ?? null };
}
