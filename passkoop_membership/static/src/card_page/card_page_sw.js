/**
 * Service worker of the member's card page (/passkoop/card/<id>/<hash>): the page
 * opens with no network once opened, as the card's email promises. The page keeps
 * itself at its first visit (card_page.js: the worker comes with it, too late for
 * that visit); then the network is asked first, the copy renewed each time. A
 * card revoked or replaced (404) is forgotten; with no network or no server, the
 * copy is shown.
 */
const CACHE = "passkoop-card-v1"; // also filled by the page (card_page.js)
const CARD_PAGE = /^\/passkoop\/card\/\d+\/[^/]+$/;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
    const url = new URL(event.request.url);
    const ours =
        event.request.method === "GET" &&
        url.origin === self.location.origin &&
        CARD_PAGE.test(url.pathname);
    if (!ours) {
        return;
    }
    event.respondWith(
        (async () => {
            const cache = await caches.open(CACHE);
            let response = null;
            try {
                response = await fetch(event.request);
            } catch {
                // No network: the copy kept below.
            }
            if (response?.ok) {
                await cache.put(url.href, response.clone());
                return response;
            }
            if (response?.status === 404) {
                await cache.delete(url.href);
                return response;
            }
            return (await cache.match(url.href)) || response || Response.error();
        })()
    );
});
