/** The store's base address and the store view code that a pasted address names. */
export type MagentoStoreAddress = {
  /** The storefront address, with Magento's folder if it runs in one. */
  storeUrl: URL;
  /** The code in a pasted /rest/{code}/V1 address, or null when it names none. */
  storeCode: string | null;
  /**
   * The first removed path segment, "rest" or the admin front name, or null
   * when nothing was removed. The rest of the path is not kept, because an
   * admin address carries the admin's secret URL key.
   */
  removedSegment: string | null;
};

/**
 * The admin front name: "admin" by default, and "admin_" plus random
 * characters as the installer suggests it.
 */
const ADMIN_SEGMENT = /^admin(_[a-z0-9]+)?$/i;

/** Magento store codes start with a letter and contain letters, digits and underscores. */
const STORE_CODE = /^[a-z][a-z0-9_]*$/i;

/**
 * Reduces an address as users paste it to the store's base address. It cuts
 * the path at a "rest" segment (an API address such as /rest/default/V1,
 * whose store code it keeps) or at the admin front name (an address copied
 * from the admin, such as /admin/sales/order/). What comes before stays, so
 * a folder such as /shop or /index.php is kept.
 * NOTE: an admin front name other than admin or admin_… (for example
 * /backend) is not recognised, and then the connection test reports that no
 * REST API was found at the address.
 */
export function resolveMagentoStoreAddress(address: URL): MagentoStoreAddress {
  const segments = address.pathname.split("/").filter(Boolean);
  let cut = segments.length;
  let storeCode: string | null = null;

  const restIndex = segments.findIndex((segment) => segment.toLowerCase() === "rest");
  const adminIndex = segments.findIndex((segment) => ADMIN_SEGMENT.test(segment));
  if (restIndex >= 0 && (adminIndex < 0 || restIndex < adminIndex)) {
    cut = restIndex;
    const next = segments[restIndex + 1];
    if (next && next.toUpperCase() !== "V1" && STORE_CODE.test(next)) storeCode = next;
  } else if (adminIndex >= 0) {
    cut = adminIndex;
  }

  const storeUrl = new URL(address.href);
  storeUrl.pathname = segments.slice(0, cut).map((segment) => `/${segment}`).join("");
  return { storeUrl, storeCode, removedSegment: segments[cut] ?? null };
}
