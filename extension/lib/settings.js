/* credibly extension — the user's settings (server address, API key, time limit, automatic scoring).
 * Kept in storage.local (never synced: the API key stays on this device). Exposes CrediblySettings.
 */
(function (root) {
  "use strict";

  /** The WebExtension API object: `browser` in Firefox, `chrome` in Chromium (both promise-based in MV3). */
  const ext = root.browser || root.chrome;

  const DEFAULTS = Object.freeze({
    serverUrl: "http://127.0.0.1:8000",
    apiKey: "",
    timeoutSeconds: 20,
    autoScore: false,
  });

  /** Host patterns asked for (optional permission) when the reader opts in to scoring every page. */
  const ALL_SITES = ["http://*/*", "https://*/*"];

  /** The server address without trailing slashes, or null when it is not an http(s) URL. */
  function normaliseServerUrl(value) {
    try {
      const url = new URL(String(value).trim());
      if (url.protocol !== "http:" && url.protocol !== "https:") return null;
      return url.href.replace(/\/+$/, "");
    } catch {
      return null;
    }
  }

  function clampTimeout(value) {
    const n = Number(value);
    if (!Number.isFinite(n)) return DEFAULTS.timeoutSeconds;
    return Math.min(120, Math.max(1, Math.round(n)));
  }

  async function load() {
    const saved = await ext.storage.local.get(Object.keys(DEFAULTS));
    const settings = Object.assign({}, DEFAULTS, saved);
    settings.serverUrl = normaliseServerUrl(settings.serverUrl) || DEFAULTS.serverUrl;
    settings.timeoutSeconds = clampTimeout(settings.timeoutSeconds);
    return settings;
  }

  async function save(partial) {
    await ext.storage.local.set(partial);
  }

  root.CrediblySettings = { ext, DEFAULTS, ALL_SITES, load, save, normaliseServerUrl, clampTimeout };
})(globalThis);
