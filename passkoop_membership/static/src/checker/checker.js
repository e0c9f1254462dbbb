/**
 * The phone card checker (/passkoop/check), for coops that run no Odoo: reads a
 * card's QR code with the camera (or typed, or from a barcode scanner), checks it
 * here with the entries the page holds, and says so in big letters. Nothing about
 * the card leaves the phone. A service worker keeps the page working offline; the
 * page downloaded as one file (?download=1, every script inlined) needs none.
 */
import {buildDirectory, verifyCard} from "../card/passkoop_card.js";
import {entryOutcome, readEntry} from "../card/passkoop_directory.js";
import {buildZXingBarcodeDetector} from "/web/static/src/core/barcode/ZXingBarcodeDetector.js";

const page = JSON.parse(document.getElementById("passkoop-checker-data").textContent);
const STORED = "passkoop-checker-entries";
const $ = (id) => document.getElementById(id);

/**
 * The entries the page holds: the serving coop's, and the files added here. A
 * file for a coop already held replaces its entry only when the trust rule of
 * card-format.md applies it (passkoop_directory.js, as the server): else it is
 * ignored (no administrator here to confirm new keys).
 */
async function loadDirectory() {
    let coops = [...page.coops];
    let keys = page.keys.map((key) => ({
        ...key,
        coop_id: coops.find((coop) => coop.code === key.code),
    }));
    for (const document of JSON.parse(localStorage.getItem(STORED) || "[]")) {
        const entry = await readEntry(document);
        const held = entry && coops.find((coop) => coop.code === entry.coop.code);
        const heldEntry = held && {
            issued_at: held.issued_at,
            keys: keys.filter((key) => key.coop_id === held),
        };
        if (entry && entryOutcome(heldEntry, entry) === "applied") {
            coops = coops.filter((coop) => coop !== held);
            keys = keys.filter((key) => key.coop_id !== held);
            coops.push(entry.coop);
            keys.push(...entry.keys);
        }
    }
    return buildDirectory(coops, keys);
}

let directory = null;

function localToday() {
    const now = new Date();
    const pad = (n) => String(n).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function formatDate(iso) {
    const [year, month, day] = iso.split("-").map(Number);
    return new Date(year, month - 1, day).toLocaleDateString(page.lang);
}

/** The answer in words, from the texts the server translated. */
function answerText(result) {
    const values = {
        coop: result.coop?.name || "",
        code: (result.token || "").split(":")[1] || "",
        date: result.valid_until ? formatDate(result.valid_until) : "",
    };
    return page.texts[result.reason_code].replace(
        /%\((\w+)\)s/g,
        (_match, name) => values[name]
    );
}

/**
 * Check a token and show the answer.
 * @param {String} token
 * @returns {Promise<Object>} verifyCard()'s answer, plus `text`
 */
export async function check(token) {
    const result = await verifyCard(token.trim(), directory, localToday());
    result.text = answerText(result);
    const answer = $("passkoop-answer");
    answer.textContent = result.text;
    answer.className = `answer ${result.valid ? "valid" : "refused"}`;
    return result;
}

/**
 * Add a coop's directory entry (a file the coop sent) to the page's.
 * @param {String} document the entry
 * @returns {Promise<String>} what the page says of it
 */
async function addEntry(document) {
    const entry = await readEntry(document);
    const answer = $("passkoop-answer");
    if (!entry) {
        answer.textContent = page.texts.bad_entry;
        answer.className = "answer refused";
        return answer.textContent;
    }
    const stored = JSON.parse(localStorage.getItem(STORED) || "[]");
    localStorage.setItem(STORED, JSON.stringify([...stored, document]));
    directory = await loadDirectory();
    const applied =
        directory.get(entry.coop.code)?.coop.issued_at === entry.coop.issued_at;
    answer.textContent = page.texts[applied ? "entry_added" : "entry_ignored"].replace(
        "%(coop)s",
        entry.coop.name
    );
    answer.className = applied ? "answer" : "answer refused";
    return answer.textContent;
}

// Odoo's ZXing, for browsers without a native detector of QR codes: loaded when
// the camera is first asked for (the downloaded page holds it), kept offline.
const ZXING = "/web/static/lib/zxing-library/zxing-library.js";

/** Whether this browser reads QR codes itself (BarcodeDetector). */
async function nativeQrDetector() {
    try {
        return (await window.BarcodeDetector.getSupportedFormats()).includes("qr_code");
    } catch {
        return false; // no BarcodeDetector (Firefox, desktop Chromium on Linux...)
    }
}

/**
 * A BarcodeDetector for QR codes: the browser's, else Odoo's ZXing stand-in.
 * @returns {Promise<Object>} {detect(video) -> Promise<[{rawValue}]>}
 */
async function qrDetector() {
    if (await nativeQrDetector()) {
        return new window.BarcodeDetector({formats: ["qr_code"]});
    }
    if (!window.ZXing) {
        await new Promise((resolve, reject) => {
            const script = document.createElement("script");
            script.src = ZXING;
            script.onload = resolve;
            script.onerror = reject;
            document.head.append(script);
        });
    }
    const ZXingBarcodeDetector = buildZXingBarcodeDetector(window.ZXing);
    return new ZXingBarcodeDetector({formats: ["qr_code"]});
}

/** Read QR codes from the camera until one is a Pass'Koop card. */
async function scan() {
    const video = $("passkoop-video");
    const stream = await navigator.mediaDevices.getUserMedia({
        video: {facingMode: "environment"},
    });
    video.srcObject = stream;
    video.hidden = $("passkoop-stop").hidden = false;
    await video.play();
    const detector = await qrDetector();
    const read = async () => {
        try {
            return (await detector.detect(video))[0]?.rawValue;
        } catch {
            return null; // a frame not ready yet: the next one
        }
    };
    const stop = () => {
        stream.getTracks().forEach((track) => track.stop());
        video.hidden = $("passkoop-stop").hidden = true;
    };
    const loop = async () => {
        const text = video.hidden ? null : await read();
        if (text?.startsWith("PK1:")) {
            stop();
            $("passkoop-token").value = text;
            await check(text);
        } else if (!video.hidden) {
            requestAnimationFrame(loop);
        }
    };
    $("passkoop-stop").onclick = stop;
    loop();
}

/** Keep this page and what it loads, for the service worker to serve offline. */
async function keepForOffline() {
    const cache = await caches.open("passkoop-checker-v1");
    await cache.addAll([
        location.href,
        ...[...document.scripts].map((script) => script.src).filter(Boolean),
        ...["passkoop_card.js", "passkoop_directory.js"].map(
            (file) => new URL(`../card/${file}`, import.meta.url).href
        ),
        "/web/static/src/core/barcode/ZXingBarcodeDetector.js",
        // The library, only where the browser has no QR detector.
        ...((await nativeQrDetector()) ? [] : [ZXING]),
    ]);
}

async function start() {
    directory = await loadDirectory();
    $("passkoop-check").onclick = () => check($("passkoop-token").value);
    $("passkoop-token").onkeydown = (event) => {
        if (event.key === "Enter") {
            check($("passkoop-token").value);
        }
    };
    $("passkoop-scan").onclick = () =>
        scan().catch(() => {
            $("passkoop-answer").textContent = page.texts.no_camera;
        });
    $("passkoop-entry").onchange = async (event) => {
        const file = event.target.files[0];
        // The page's words for the file chosen, not the browser's.
        event.target.parentElement.querySelector(".file-name").textContent =
            file?.name || "";
        if (file) {
            await addEntry(await file.text());
        }
    };
    if ("serviceWorker" in navigator && !page.downloaded) {
        // The worker imports a file: checked for changes at each visit.
        await navigator.serviceWorker.register("/passkoop/check-sw.js", {
            updateViaCache: "none",
        });
        await keepForOffline().catch(() => {}); // offline: served from it already
    }
    window.passkoopChecker = {check, addEntry, qrDetector, ready: true};
}

start();
