/**
 * The member's card page keeps itself on the phone at its first visit, and brings
 * the service worker that shows it from then on with no network (card_page_sw.js).
 * Inlined in the page by the controller: the page loads nothing else.
 */
(async () => {
    if (!("serviceWorker" in navigator)) {
        return;
    }
    try {
        // The worker imports a file: checked for changes at each visit, not a week on.
        await navigator.serviceWorker.register("/passkoop/card/sw.js", {
            updateViaCache: "none",
        });
        const cache = await caches.open("passkoop-card-v1");
        await cache.add(location.href);
    } catch {
        // No network: shown from the copy already.
    }
})();
