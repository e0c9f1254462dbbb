/* global importScripts */
/**
 * Service worker of the phone card checker: the page and what it loads are kept,
 * so that it keeps working with no network once opened. The page is asked to the
 * network first (fresh entries when online), then to the cache.
 */
importScripts("/passkoop_membership/static/src/offline/network_first_sw.js");

// What the page loads: its own files, and Odoo's ZXing where the phone has no QR
// detector (checker.js fills the same cache at the first visit).
const ODOO_ZXING = [
    "/web/static/lib/zxing-library/zxing-library.js",
    "/web/static/src/core/barcode/ZXingBarcodeDetector.js",
];

self.passkoopServeNetworkFirst({
    cacheName: "passkoop-checker-v1",
    ours: (url) =>
        url.pathname === "/passkoop/check" ||
        url.pathname.startsWith("/passkoop_membership/static/") ||
        ODOO_ZXING.includes(url.pathname),
});
