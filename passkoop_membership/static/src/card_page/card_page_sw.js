/* global importScripts */
/**
 * Service worker of the member's card page (/passkoop/card/<id>/<hash>): the page
 * opens with no network once opened, as the card's email promises. The page keeps
 * itself at its first visit (card_page.js: the worker comes with it, too late for
 * that visit); then the network is asked first, the copy renewed each time. A
 * card revoked or replaced (404) is forgotten; with no network or no server, the
 * copy is shown.
 */
importScripts("/passkoop_membership/static/src/offline/network_first_sw.js");

self.passkoopServeNetworkFirst({
    cacheName: "passkoop-card-v1", // also filled by the page (card_page.js)
    ours: (url) => /^\/passkoop\/card\/\d+\/[^/]+$/.test(url.pathname),
    forgetMissing: true,
});
