/**
 * What the service workers of the public pages share (checker_sw.js and
 * card_page_sw.js, which load it with importScripts): the page and what it loads
 * kept, so that it opens with no network once opened. The network is asked first
 * and the copy renewed each time; with no network or no server, the copy is shown.
 * A classic script (service workers' importScripts): it defines one global.
 */

/**
 * Serve the requests of this worker's page network first, from its cache when
 * the network fails.
 * @param {Object} options
 * @param {String} options.cacheName the page fills the same cache at its first visit
 * @param {Function} options.ours (URL) -> whether this worker serves that address
 * @param {Boolean} [options.forgetMissing] a 404 deletes the copy (a card revoked)
 */
self.passkoopServeNetworkFirst = ({cacheName, ours, forgetMissing = false}) => {
    self.addEventListener("install", () => self.skipWaiting());
    self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));
    self.addEventListener("fetch", (event) => {
        const url = new URL(event.request.url);
        const served =
            event.request.method === "GET" &&
            url.origin === self.location.origin &&
            ours(url);
        if (served) {
            event.respondWith(
                networkFirst(event.request, url, cacheName, forgetMissing)
            );
        }
    });
};

async function networkFirst(request, url, cacheName, forgetMissing) {
    const cache = await caches.open(cacheName);
    let response = null;
    try {
        response = await fetch(request);
    } catch {
        // No network: the copy kept below.
    }
    if (response?.ok) {
        await cache.put(url.href, response.clone());
        return response;
    }
    if (forgetMissing && response?.status === 404) {
        await cache.delete(url.href);
        return response;
    }
    return (await cache.match(url.href)) || response || Response.error();
}
