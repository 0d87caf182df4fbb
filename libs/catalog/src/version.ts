/** Date-stamped version of the catalog data; bump when a figure changes so stored results say which data they used. */
export const CATALOG_VERSION = '2026-11-28';
