"use strict";
// Sends the active tab's HTML (never fetched by the server) to POST /v1/score and shows the verdict.
const $ = (id) => document.getElementById(id);

chrome.storage.local.get(["base", "key"], (saved) => {
  if (saved.base) $("base").value = saved.base;
  if (saved.key) $("key").value = saved.key;
});

$("go").addEventListener("click", async () => {
  const base = $("base").value.replace(/\/$/, "");
  chrome.storage.local.set({ base, key: $("key").value });
  $("status").textContent = "scoring…";
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  const [{ result: page }] = await chrome.scripting.executeScript({
    target: { tabId: tab.id },
    func: () => ({ html: document.documentElement.outerHTML, url: location.href }),
  });
  const headers = { "Content-Type": "application/json" };
  if ($("key").value) headers["X-API-Key"] = $("key").value;
  try {
    const response = await fetch(`${base}/v1/score`, { method: "POST", headers, body: JSON.stringify(page) });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error ? `${data.error.code}: ${data.error.message}` : response.status);
    if (data.error) throw new Error(`${data.error.code}: ${data.error.message}`);
    $("score").textContent = data.score.toFixed(0);
    $("label").textContent = data.label;
    $("reasons").replaceChildren(...data.explanation.slice(0, 4).map((r) => {
      const li = document.createElement("li");
      li.textContent = `${r.points >= 0 ? "+" : "−"}${Math.abs(r.points).toFixed(1)} ${r.measured}`;
      return li;
    }));
    $("status").textContent = "";
  } catch (err) {
    $("status").textContent = "failed: " + err.message;
  }
});
