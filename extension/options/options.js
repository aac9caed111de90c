/* credibly options — server address, API key (masked), time limit and the "score every page" opt-in.
 * Every field is saved as soon as it changes (an invalid address is shown, not saved); "Test
 * connection" calls /health and one guarded endpoint to check the key.
 */
"use strict";

const Settings = globalThis.CrediblySettings;
const Api = globalThis.CrediblyApi;
const { ext } = Settings;
const $ = (id) => document.getElementById(id);
const timers = new Map();

function saveSoon(field, value, delay) {
  clearTimeout(timers.get(field));
  timers.set(
    field,
    setTimeout(() => {
      Settings.save({ [field]: value });
      timers.delete(field);
    }, delay),
  );
}

function onServerUrl(delay) {
  const value = $("serverUrl").value;
  const url = Settings.normaliseServerUrl(value);
  $("serverUrl-error").textContent = url ? "" : "Enter an address starting with http:// or https://.";
  $("serverUrl").setAttribute("aria-invalid", String(!url));
  if (url) saveSoon("serverUrl", url, delay);
}

function onTimeout(delay) {
  saveSoon("timeoutSeconds", Settings.clampTimeout($("timeoutSeconds").value), delay);
}

async function testConnection() {
  const status = $("test-status");
  status.className = "";
  status.textContent = "Testing…";
  for (const [field, timer] of timers) {
    clearTimeout(timer);
    timers.delete(field);
  }
  const url = Settings.normaliseServerUrl($("serverUrl").value);
  if (!url) {
    status.textContent = "Enter a valid server address first.";
    status.className = "bad";
    return;
  }
  const current = {
    serverUrl: url,
    apiKey: $("apiKey").value,
    timeoutSeconds: Settings.clampTimeout($("timeoutSeconds").value),
  };
  await Settings.save(current);
  try {
    const info = await Api.testConnection(current);
    status.className = info.keyAccepted ? "ok" : "bad";
    status.textContent = info.keyAccepted
      ? `Connected: credibly ${info.version || ""}, model ${info.model || "?"}.`
      : "The server answers, but wants an API key (or this key is wrong).";
  } catch (err) {
    const words = Api.explain(err, current);
    status.className = "bad";
    status.textContent = `${words.title}. ${words.detail}`;
  }
}

/** The opt-in asks for access to all sites first (the browser's own prompt), then saves. */
function onAutoScore(event) {
  const box = event.target;
  const status = $("autoScore-status");
  const origins = Settings.ALL_SITES;
  if (box.checked) {
    // permissions.request must be the first call in the click handler (user gesture).
    ext.permissions.request({ origins }).then(
      async (granted) => {
        box.checked = granted;
        await Settings.save({ autoScore: granted });
        status.textContent = granted
          ? "On: pages you open are scored and the verdict appears on the icon."
          : "Not turned on: access to sites was not granted.";
      },
      (err) => {
        box.checked = false;
        status.textContent = `Not turned on: ${err.message || err}`;
      },
    );
  } else {
    Settings.save({ autoScore: false });
    ext.permissions.remove({ origins }).catch(() => {});
    status.textContent = "Off: pages are scored only when you click the credibly button.";
  }
}

async function main() {
  const settings = await Settings.load();
  $("serverUrl").value = settings.serverUrl;
  $("apiKey").value = settings.apiKey;
  $("timeoutSeconds").value = settings.timeoutSeconds;
  const granted = await ext.permissions.contains({ origins: Settings.ALL_SITES }).catch(() => false);
  $("autoScore").checked = settings.autoScore && granted;

  $("serverUrl").addEventListener("input", () => onServerUrl(400));
  $("serverUrl").addEventListener("change", () => onServerUrl(0));
  $("apiKey").addEventListener("input", () => saveSoon("apiKey", $("apiKey").value, 400));
  $("apiKey").addEventListener("change", () => saveSoon("apiKey", $("apiKey").value, 0));
  $("timeoutSeconds").addEventListener("input", () => onTimeout(400));
  $("timeoutSeconds").addEventListener("change", () => onTimeout(0));
  $("showKey").addEventListener("click", (event) => {
    const shown = $("apiKey").type === "password";
    $("apiKey").type = shown ? "text" : "password";
    event.target.textContent = shown ? "Hide" : "Show";
    event.target.setAttribute("aria-pressed", String(shown));
  });
  $("test").addEventListener("click", testConnection);
  $("autoScore").addEventListener("change", onAutoScore);
  document.body.dataset.ready = "true";
}

main();
