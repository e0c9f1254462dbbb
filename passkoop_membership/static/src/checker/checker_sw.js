/**
 * Service worker of the phone card checker: the page and what it loads are kept,
 * so that it keeps working with no network once opened. The page is asked to the
 * network first (fresh entries when online), then to the cache.
 */
const CACHE = "passkoop-checker-v1"; // also filled by the page (checker.js)
// Odoo's ZXing, which the page loads where the phone has no QR detector.
const ODOO_ZXING = [
    "/web/static/lib/zxing-library/zxing-library.js",
    "/web/static/src/core/barcode/ZXingBarcodeDetector.js",
];

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
    const url = new URL(event.request.url);
    const ours =
        event.request.method === "GET" &&
        url.origin === self.location.origin &&
        (url.pathname === "/passkoop/check" ||
            url.pathname.startsWith("/passkoop_membership/static/") ||
            ODOO_ZXING.includes(url.pathname));
    if (!ours) {
        return;
    }
    event.respondWith(
        (async () => {
            const cache = await caches.open(CACHE);
            let response = null;
            try {
                response = await fetch(event.request);
                if (response.ok) {
                    await cache.put(event.request, response.clone());
                    return response;
                }
            } catch {
                // No network: the copy kept below.
            }
            return (await cache.match(event.request)) || response || Response.error();
        })()
    );
});
