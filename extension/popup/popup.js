/* credibly popup — asks the background for the current tab's result (cached or freshly scored),
 * shows the verdict, the top reasons, warnings, the site's rating, a "see it on the page" switch and
 * the feedback buttons. Every path ends in a visible state: result, unreadable page, or a failure
 * with what to do about it. `?tab=<id>` scores that tab instead of the active one (tests, or the
 * popup opened in its own tab).
 */
"use strict";

const { ext } = globalThis.CrediblySettings;
const Api = globalThis.CrediblyApi;
const E = globalThis.CrediblyEvidence;
const $ = (id) => document.getElementById(id);
const TOP_REASONS = 5;

let settings = null;
let tabId = null;
let entry = null;

function showState(name) {
  for (const id of ["loading", "unreadable", "failed", "result"]) $(id).hidden = id !== name;
}

async function targetTab() {
  const asked = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isInteger(asked) && asked > 0) return asked;
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab ? tab.id : null;
}

async function send(message) {
  try {
    const reply = await ext.runtime.sendMessage(message);
    return reply || { state: "failed", failure: { state: "server_error", message: "no reply from the extension" } };
  } catch (err) {
    return { state: "failed", failure: { state: "server_error", message: String(err.message || err) } };
  }
}

async function load(force) {
  showState("loading");
  entry = await send({ type: force ? "score" : "get", tabId });
  render(entry);
}

function render(current) {
  if (current.error) {
    current = { state: "failed", failure: { state: "server_error", message: current.error } };
  }
  if (current.state === "unreadable") {
    $("unreadable-reason").textContent = `credibly can only read web pages, and ${current.reason}.`;
    return showState("unreadable");
  }
  if (current.state === "failed") {
    const words = Api.explain(current.failure, settings);
    $("failed-title").textContent = words.title;
    $("failed-detail").textContent = words.detail;
    return showState("failed");
  }
  renderResult(current);
  showState("result");
}

function renderResult(current) {
  const result = current.result;
  const failed = Boolean(result.error);
  $("score").textContent = failed ? "—" : String(Math.round(result.score));
  $("label").textContent = failed ? "not scored" : result.label;
  $("label").className = `label ${failed ? "" : result.label}`;
  $("statement").textContent = E.STATEMENT;
  $("not-scored").hidden = !failed;
  if (failed) {
    $("not-scored").textContent = `Not scored: ${result.error.message} (${result.error.code}).`;
  }
  const warnings = E.warningsFor(result, result.text);
  $("warnings").replaceChildren(...warnings.map((w) => li(`⚠ ${w.message}`)));
  const reasons = (result.explanation || []).slice(0, TOP_REASONS).map((reason) => {
    const effect = E.effectOf(reason.points);
    const item = document.createElement("li");
    item.className = effect;
    const pts = document.createElement("span");
    pts.className = "effect";
    pts.textContent = `${effect === "raises" ? "▲" : effect === "lowers" ? "▼" : "•"} ${E.signedPoints(reason.points)}`;
    pts.title = effect === "raises" ? "raises the score" : effect === "lowers" ? "lowers the score" : "";
    const words = document.createElement("span");
    words.textContent = reason.measured || reason.text || reason.feature;
    item.append(pts, words);
    return item;
  });
  $("reasons").replaceChildren(...reasons);
  if (!reasons.length) $("reasons").replaceChildren(li(failed ? "—" : "No single reason stands out."));
  $("highlight").checked = Boolean(current.highlighted);
  $("highlight").disabled = failed || !(result.evidence || []).length;
  $("highlight-status").textContent = current.marks ? marksText(current.marks) : "";
  $("model").textContent = result.model ? `model ${result.model}` : "";
  loadSiteRating(current.url);
}

function li(text) {
  const item = document.createElement("li");
  item.textContent = text;
  return item;
}

function marksText(stats) {
  if (!stats.total) return "nothing to mark";
  return `${stats.found} of ${stats.total} passages found on the page`;
}

async function loadSiteRating(url) {
  const site = $("site");
  let host;
  try {
    host = new URL(url).hostname;
  } catch {
    site.textContent = "No site address for this page.";
    return;
  }
  site.textContent = "Looking up the site's rating…";
  try {
    const rating = await Api.sourceRating(settings, host);
    if (!rating) {
      site.textContent = `No rating for ${host} yet.`;
      return;
    }
    const [low, high] = rating.interval_90 || [];
    const verdicts = Object.entries(rating.feedback || {})
      .map(([verdict, n]) => `${n} ${verdict}`)
      .join(", ");
    site.textContent =
      `${host}: ${Math.round(rating.shrunk_mean)}/100 on average over ${rating.count} scored ` +
      `article${rating.count === 1 ? "" : "s"} (likely between ${Math.round(low)} and ${Math.round(high)}); ` +
      `${Math.round(100 * rating.share_low)}% rated low.` +
      (verdicts ? ` Readers' verdicts: ${verdicts}.` : "");
  } catch (err) {
    site.textContent = `The site's rating is unavailable (${Api.explain(err, settings).title.toLowerCase()}).`;
  }
}

async function toggleHighlights(event) {
  const on = event.target.checked;
  $("highlight-status").textContent = on ? "Marking…" : "";
  const stats = await send({ type: "highlight", tabId, on });
  if (stats.error || stats.state === "failed") {
    event.target.checked = false;
    $("highlight-status").textContent = `Could not mark the page: ${stats.error || stats.failure.message}`;
    return;
  }
  $("highlight-status").textContent = on ? marksText(stats) : "";
}

async function sendFeedback(button) {
  const buttons = [...document.querySelectorAll("#feedback-buttons button")];
  const status = $("feedback-status");
  const body = { url: entry.url, verdict: button.dataset.verdict };
  const comment = $("comment").value.trim();
  if (comment) body.comment = comment;
  if (entry.result && entry.result.id) body.result_id = String(entry.result.id).slice(0, 500);
  for (const b of buttons) b.disabled = true;
  status.textContent = "Sending…";
  try {
    await Api.feedback(settings, body);
    for (const b of buttons) b.setAttribute("aria-pressed", String(b === button));
    status.textContent = `Thank you: your verdict was recorded by ${settings.serverUrl}.`;
  } catch (err) {
    const words = Api.explain(err, settings);
    status.textContent = `Not sent: ${words.title}. ${words.detail}`;
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

async function main() {
  settings = await globalThis.CrediblySettings.load();
  $("server").textContent = settings.serverUrl;
  $("auto-tip").hidden = settings.autoScore;
  for (const id of ["options", "failed-options"]) {
    $(id).addEventListener("click", () => ext.runtime.openOptionsPage());
  }
  $("retry").addEventListener("click", () => load(true));
  $("rescore").addEventListener("click", () => load(true));
  $("highlight").addEventListener("change", toggleHighlights);
  for (const button of document.querySelectorAll("#feedback-buttons button")) {
    button.addEventListener("click", () => sendFeedback(button));
  }
  tabId = await targetTab();
  if (tabId === null) {
    render({ state: "unreadable", reason: "there is no tab to read" });
    return;
  }
  await load(false);
}

main();
