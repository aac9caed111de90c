/* credibly extension — background (MV3 service worker in Chromium, event page in Firefox).
 *
 * Scores a tab when the popup asks (the toolbar click grants activeTab) or, once the reader opted in
 * and granted access to all sites, when any page finishes loading. Keeps one result per tab (session
 * storage: survives the popup closing and the worker sleeping, dropped on navigation), paints the
 * verdict on the toolbar badge, and switches the in-page highlights on and off.
 */
"use strict";

if (typeof importScripts === "function") {
  // Chromium service worker; Firefox loads the same files through manifest background.scripts.
  importScripts("lib/settings.js", "lib/api.js", "lib/page.js");
}

const ext = globalThis.CrediblySettings.ext;
const { ALL_SITES } = globalThis.CrediblySettings;
const Api = globalThis.CrediblyApi;
const Page = globalThis.CrediblyPage;

const BADGE_COLOURS = { low: "#b42318", mixed: "#b54708", high: "#1a7f37" };
const GREY = "#5f6b7a";
const CONTENT_FILES = ["lib/evidence.js", "content/notes.js", "content/highlight.js"];
const CONTENT_CSS = ["content/highlight.css"];

// ---- per-tab cache -------------------------------------------------------------------------------

const memory = new Map(); // fallback when storage.session is missing (old browsers)
const session = ext.storage && ext.storage.session;
const inflight = new Map(); // tabId -> Promise of an entry (one scoring per tab at a time)

function cacheKey(tabId) {
  return `tab:${tabId}`;
}

async function cacheGet(tabId) {
  if (!session) return memory.get(tabId) || null;
  const key = cacheKey(tabId);
  return (await session.get(key))[key] || null;
}

async function cacheSet(tabId, entry) {
  if (!session) return void memory.set(tabId, entry);
  try {
    await session.set({ [cacheKey(tabId)]: entry });
  } catch {
    // Quota: keep only this tab's result.
    await session.clear();
    await session.set({ [cacheKey(tabId)]: entry }).catch(() => memory.set(tabId, entry));
  }
}

async function cacheDrop(tabId) {
  memory.delete(tabId);
  if (session) await session.remove(cacheKey(tabId));
}

function sameDocument(a, b) {
  return Boolean(a && b) && a.split("#")[0] === b.split("#")[0];
}

// ---- badge ---------------------------------------------------------------------------------------

async function paintBadge(tabId, entry) {
  let text = "";
  let colour = GREY;
  let title = "credibly: click to score this page";
  if (entry && entry.state === "scored" && !entry.result.error) {
    const { score, label } = entry.result;
    text = String(Math.round(score));
    colour = BADGE_COLOURS[label] || GREY;
    title = `credibly: ${Math.round(score)}/100 (${label}) for writing and sourcing, not a fact check`;
  } else if (entry && entry.state === "scored") {
    text = "–";
    title = "credibly: no article text to score on this page";
  } else if (entry && entry.state === "failed") {
    text = "?";
    title = `credibly: ${Api.explain(entry.failure, entry.settings || {}).title}`;
  }
  try {
    await ext.action.setBadgeText({ tabId, text });
    await ext.action.setBadgeBackgroundColor({ tabId, color: colour });
    if (ext.action.setBadgeTextColor) await ext.action.setBadgeTextColor({ tabId, color: "#ffffff" });
    await ext.action.setTitle({ tabId, title });
  } catch {
    // The tab closed meanwhile.
  }
}

// ---- scoring -------------------------------------------------------------------------------------

function failureData(err) {
  if (err instanceof Api.ApiFailure) {
    const { state, message, status, seconds, retryAfter, code } = err;
    return { state, message, status, seconds, retryAfter, code };
  }
  return { state: "server_error", message: String((err && err.message) || err) };
}

async function readTab(tabId) {
  const [injection] = await ext.scripting.executeScript({
    target: { tabId },
    func: Page.readPage,
    args: [Page.MAX_HTML_CHARS],
  });
  return injection && injection.result;
}

/** Read the tab and score it; always resolves to an entry:
 *  {state: "scored", url, result} | {state: "unreadable", reason, url} | {state: "failed", failure}. */
async function scoreTabNow(tabId) {
  const tab = await ext.tabs.get(tabId);
  const reason = Page.unreadableReason(tab.url);
  if (reason) return { state: "unreadable", reason, url: tab.url };
  let page;
  try {
    page = await readTab(tabId);
  } catch (err) {
    return { state: "unreadable", reason: unreadableFromError(err), url: tab.url };
  }
  if (!page || !page.readable) {
    const pdf = page && /pdf/i.test(page.contentType);
    const reason = pdf ? "this is a PDF document, not a web page" : "this tab does not show a web page";
    return { state: "unreadable", reason, url: tab.url };
  }
  const settings = await globalThis.CrediblySettings.load();
  try {
    const result = await Api.score(settings, page);
    const entry = { state: "scored", url: page.url, result, at: Date.now(), highlighted: false };
    await cacheSet(tabId, entry);
    return entry;
  } catch (err) {
    const shown = { serverUrl: settings.serverUrl, timeoutSeconds: settings.timeoutSeconds };
    return { state: "failed", failure: failureData(err), url: page.url, settings: shown };
  }
}

function unreadableFromError(err) {
  const message = String((err && err.message) || err);
  if (/gallery|web ?store/i.test(message)) {
    return "this is an extension store page, which browsers protect from all extensions";
  }
  if (/chrome:|about:|edge:|extension|scheme|Cannot access/i.test(message)) {
    return "the browser does not let extensions read this page";
  }
  return `the page could not be read (${message})`;
}

/** The tab's entry: the cached one when it is for the page still shown, else a fresh scoring. */
async function entryFor(tabId, force) {
  const cached = await cacheGet(tabId);
  if (force && cached && cached.highlighted) await setHighlights(tabId, false).catch(() => {});
  if (!force) {
    if (cached) {
      const tab = await ext.tabs.get(tabId).catch(() => null);
      if (!tab || !tab.url || sameDocument(tab.url, cached.url)) return cached;
    }
  }
  if (inflight.has(tabId)) return inflight.get(tabId);
  const job = scoreTabNow(tabId)
    .catch((err) => ({ state: "failed", failure: failureData(err) }))
    .then(async (entry) => {
      await paintBadge(tabId, entry);
      return entry;
    })
    .finally(() => inflight.delete(tabId));
  inflight.set(tabId, job);
  return job;
}

// ---- in-page highlights --------------------------------------------------------------------------

async function setHighlights(tabId, on) {
  const entry = await cacheGet(tabId);
  if (!entry || entry.state !== "scored") return { error: "score the page first" };
  const target = { tabId };
  let stats = { found: 0, total: 0 };
  if (on) {
    await ext.scripting.insertCSS({ target, files: CONTENT_CSS });
    await ext.scripting.executeScript({ target, files: CONTENT_FILES });
    const { score, label, explanation, evidence, text, title, error } = entry.result;
    const payload = { score, label, explanation, evidence, text, title, error };
    const [injection] = await ext.scripting.executeScript({
      target,
      func: (data) => globalThis.CrediblyHighlights.show(data),
      args: [payload],
    });
    stats = (injection && injection.result) || stats;
  } else {
    await ext.scripting
      .executeScript({
        target,
        func: () => globalThis.CrediblyHighlights && globalThis.CrediblyHighlights.hide(),
      })
      .catch(() => {});
    await ext.scripting.removeCSS({ target, files: CONTENT_CSS }).catch(() => {});
  }
  await cacheSet(tabId, Object.assign(entry, { highlighted: on, marks: on ? stats : null }));
  return stats;
}

// ---- events --------------------------------------------------------------------------------------

ext.runtime.onMessage.addListener((message, sender, reply) => {
  const run = async () => {
    switch (message && message.type) {
      case "get":
        return entryFor(message.tabId, false);
      case "score":
        return entryFor(message.tabId, true);
      case "highlight":
        return setHighlights(message.tabId, Boolean(message.on));
      case "highlights-hidden": {
        // The reader closed the highlights from the page itself.
        const tabId = sender.tab && sender.tab.id;
        const entry = tabId === undefined ? null : await cacheGet(tabId);
        if (entry) await cacheSet(tabId, Object.assign(entry, { highlighted: false, marks: null }));
        if (tabId !== undefined) await ext.scripting.removeCSS({ target: { tabId }, files: CONTENT_CSS });
        return { ok: true };
      }
      default:
        return { error: `unknown message ${message && message.type}` };
    }
  };
  run().then(reply, (err) => reply({ error: String((err && err.message) || err) }));
  return true; // reply asynchronously
});

ext.tabs.onUpdated.addListener(async (tabId, change, tab) => {
  if (change.status === "loading" || change.url) {
    if (!(change.url && sameDocument(change.url, (await cacheGet(tabId) || {}).url))) {
      await cacheDrop(tabId);
      await paintBadge(tabId, null);
    }
  }
  if (change.status === "complete") await maybeAutoScore(tabId, tab);
});

ext.tabs.onRemoved.addListener((tabId) => {
  cacheDrop(tabId);
});

/** Score a freshly loaded page when the reader opted in and granted access to its site. */
async function maybeAutoScore(tabId, tab) {
  if (!tab || !tab.url || !/^https?:/.test(tab.url)) return;
  const settings = await globalThis.CrediblySettings.load();
  if (!settings.autoScore || tab.url.startsWith(settings.serverUrl + "/")) return;
  const origin = new URL(tab.url).origin + "/*";
  const allowed = await ext.permissions.contains({ origins: [origin] }).catch(() => false);
  if (allowed) await entryFor(tabId, false);
}

ext.runtime.onInstalled.addListener((details) => {
  // First install: the options page explains how to start a server and test the connection.
  if (details.reason === "install") ext.runtime.openOptionsPage();
});

ext.permissions.onRemoved.addListener(async (removed) => {
  // Access to all sites withdrawn (browser settings): automatic scoring cannot run any more.
  if ((removed.origins || []).some((o) => ALL_SITES.includes(o))) {
    await globalThis.CrediblySettings.save({ autoScore: false });
  }
});
