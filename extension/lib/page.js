/* credibly extension — which tabs can be read, and the function injected into a tab to read it.
 * Exposes CrediblyPage.
 */
(function (root) {
  "use strict";

  /** Stores and pages the browser never lets an extension script. */
  const STORE_HOSTS = new Set([
    "chrome.google.com",
    "chromewebstore.google.com",
    "microsoftedge.microsoft.com",
    "addons.mozilla.org",
    "addons.opera.com",
  ]);

  /** Why a tab with this URL cannot be read (a reader-facing phrase), or null when it may be readable.
   *  An unknown URL (undefined: no permission to see it) is not judged here; reading it will tell. */
  function unreadableReason(url) {
    if (!url) return null;
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      return "this is not a web page";
    }
    const scheme = parsed.protocol;
    if (/^(chrome|edge|brave|opera|vivaldi|about|chrome-untrusted|devtools):$/.test(scheme)) {
      return "this is one of the browser's own pages, which extensions are not allowed to read";
    }
    if (/^(chrome-extension|moz-extension|extension):$/.test(scheme)) {
      return "this page belongs to an extension";
    }
    if (scheme === "view-source:") return "this is a source view, not the page itself";
    if (scheme !== "http:" && scheme !== "https:" && scheme !== "file:") {
      return `this page has no web address (${scheme} page), and extensions may not read it`;
    }
    if (STORE_HOSTS.has(parsed.hostname)) {
      return "this is an extension store page, which browsers protect from all extensions";
    }
    if (/\.pdf$/i.test(parsed.pathname)) return "this is a PDF document, not a web page";
    return null;
  }

  /** Injected into the tab (must stay self-contained): the page's HTML without scripts, styles and
   *  media (less to send, nothing the engine reads), or its visible text when the HTML is very large.
   *  Returns {readable:false, contentType} for documents that are not HTML (PDF viewer, images). */
  function readPage(maxHtmlChars) {
    const contentType = document.contentType || "";
    if (!/html|xml/i.test(contentType)) return { readable: false, contentType, url: location.href };
    const clone = document.documentElement.cloneNode(true);
    const drop =
      "script:not([type='application/ld+json']), style, noscript, template, svg, canvas, iframe, " +
      "object, embed, video, audio, link, credibly-panel, credibly-note, #credibly-notes";
    for (const node of clone.querySelectorAll(drop)) node.remove();
    for (const mark of clone.querySelectorAll("credibly-mark")) mark.replaceWith(mark.textContent);
    const html = "<!doctype html>\n" + clone.outerHTML;
    const page = { readable: true, contentType, url: location.href, title: document.title };
    if (html.length <= maxHtmlChars) return Object.assign(page, { html });
    const main = document.querySelector("article") || document.querySelector("main") || document.body;
    return Object.assign(page, { text: (main ? main.innerText : "").slice(0, maxHtmlChars) });
  }

  root.CrediblyPage = { unreadableReason, readPage, MAX_HTML_CHARS: 800000 };
})(globalThis);
