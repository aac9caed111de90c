/* credibly demo page: send the pasted article to POST /v1/score and show the verdict, the reasons
 * (each a button marking its words), warnings, and the scored text with short spans painted by effect
 * and whole sentences only underlined. Notes are reachable by keyboard and touch through the reasons
 * panel (reason buttons, word chips) and by tapping a mark; they appear in the note box, which screen
 * readers announce. Uses CrediblyEvidence (evidence.js, shared with the browser extension).
 */
"use strict";

const E = globalThis.CrediblyEvidence;
const $ = (id) => document.getElementById(id);
const MAX_CHIPS = 8;
const PHONE = window.matchMedia("(max-width: 800px)");

let shown = null; // {result, spans}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);
  return node;
}

/** Split `source` at every span boundary; each covered piece becomes one element whose look is the
 *  dominant covering span's (painted <mark> for short spans, underlined <span> for sentences). */
function renderMarked(container, source, spans) {
  container.replaceChildren();
  const valid = spans.filter((s) => s.start < s.end && s.end <= source.length);
  const cuts = [...new Set([0, source.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const piece = source.slice(a, b);
    const covering = valid.filter((s) => s.start <= a && s.end >= b);
    if (!covering.length) {
      container.append(piece);
      continue;
    }
    const top = E.dominant(covering);
    const node = el(top.style === "paint" ? "mark" : "span", {
      class: `${top.style === "paint" ? "" : "line "}${top.effect} fam-${top.signal}`,
      "data-ev": covering.map((s) => s.index).join(" "),
      tabindex: "-1",
    });
    node.textContent = piece;
    container.append(node);
  }
}

function marksOf(indices) {
  const wanted = new Set(indices.map(String));
  return [...document.querySelectorAll("#article-view [data-ev]")].filter((m) =>
    m.dataset.ev.split(" ").some((i) => wanted.has(i)),
  );
}

/** Describe `mark` in the note box; `sheet` opens it over the page on a phone (tap, chip). The
 *  note leads with the span a chip chose for this mark (a boilerplate line's chip describes the
 *  line, not a shorter mark inside it), else with the dominant span. */
function showNote(mark, sheet) {
  const { result, spans } = shown;
  const covering = mark.dataset.ev.split(" ").map((i) => spans[Number(i)]);
  const chosen = lead.mark === mark ? lead.index : undefined;
  const top = covering.find((s) => s.index === chosen) || E.dominant(covering);
  const ordered = [top, ...covering.filter((s) => s !== top)];
  const notes = ordered.map((s) => E.noteFor(s, result.explanation));
  const box = $("note");
  box.replaceChildren(el("div", { class: `head ${top.effect}` }, notes[0].effect));
  for (const n of notes) box.append(el("div", {}, `${n.family}: “${n.text}” — ${n.note}`));
  const why = [...new Set(notes.flatMap((n) => n.reasons))];
  if (why.length) box.append(el("div", { class: "muted" }, `Reason: ${why.join("; ")}`));
  if (PHONE.matches && (sheet || box.classList.contains("sheet"))) {
    const close = el("button", { type: "button", class: "note-close", "aria-label": "Close the note" }, "×");
    close.addEventListener("click", closeSheet);
    box.prepend(close);
    box.classList.add("sheet");
  }
}

function closeSheet() {
  const box = $("note");
  if (!box.classList.contains("sheet")) return;
  box.classList.remove("sheet");
  box.querySelector(".note-close")?.remove();
  const current = document.querySelector("#article-view .current");
  if (current) current.focus({ preventScroll: true });
}

/** The span a chip chose for its mark (none for a tapped mark), kept for the notes the mark shows. */
let lead = { mark: null, index: undefined };

function focusMark(mark, chosen) {
  lead = { mark, index: chosen };
  for (const m of document.querySelectorAll("#article-view .current")) m.classList.remove("current");
  mark.classList.add("current");
  mark.scrollIntoView({ block: "center" });
  showNote(mark, true);
}

/** Toggle reason `ri`: outline its marks, bring the first into view, describe it in the note box. */
function pressReason(button, ri) {
  const on = button.getAttribute("aria-pressed") !== "true";
  for (const b of document.querySelectorAll(".reason-btn")) b.setAttribute("aria-pressed", "false");
  for (const m of document.querySelectorAll("#article-view .active")) m.classList.remove("active");
  if (!on) return;
  button.setAttribute("aria-pressed", "true");
  closeSheet();
  const reason = shown.result.explanation[ri];
  const marks = marksOf(reason.evidence || []);
  for (const m of marks) m.classList.add("active");
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
  const effect = E.effectOf(reason.points);
  $("note").replaceChildren(
    el("div", { class: `head ${effect}` }, `${effect === "lowers" ? "Lowers" : "Raises"} the score by ${Math.abs(reason.points).toFixed(1)} points`),
    el("div", {}, reason.measured || reason.text),
    el("div", { class: "muted" }, marks.length ? `${marks.length} marked in the article.` : "No particular words to mark."),
  );
}

function renderReasons(result, spans) {
  const list = $("reasons");
  list.replaceChildren();
  (result.explanation || []).forEach((reason, ri) => {
    const effect = E.effectOf(reason.points);
    const arrow = effect === "raises" ? "▲ raises" : effect === "lowers" ? "▼ lowers" : "•";
    const button = el(
      "button",
      { type: "button", class: "reason-btn", "aria-pressed": "false", "aria-controls": "article" },
      el("span", { class: "effect" }, `${arrow} ${Math.abs(reason.points).toFixed(1)}`),
      el("span", { class: "family" }, E.family(reason.signal)),
      el("span", { class: "measured" }, reason.measured || reason.text),
    );
    button.addEventListener("click", () => pressReason(button, ri));
    const item = el("li", { class: `reason ${effect}` }, button);
    const cited = (reason.evidence || []).map((i) => spans[i]).filter(Boolean);
    if (cited.length) {
      const chips = el("ul", { class: "chips", "aria-label": "Its marked words" });
      for (const span of cited.slice(0, MAX_CHIPS)) {
        const chip = el("button", { type: "button", class: `chip ${span.effect}` }, span.text.trim().slice(0, 60));
        chip.addEventListener("click", () => {
          const mark = marksOf([span.index])[0];
          if (!mark) return;
          focusMark(mark, span.index);
          mark.focus({ preventScroll: true });
        });
        chips.append(el("li", {}, chip));
      }
      if (cited.length > MAX_CHIPS) chips.append(el("li", { class: "more" }, `and ${cited.length - MAX_CHIPS} more`));
      item.append(chips);
    }
    list.append(item);
  });
}

function render(result, submitted) {
  const failed = result.error !== null && result.error !== undefined;
  $("verdict").hidden = false;
  $("article-view").hidden = false;
  $("score").textContent = failed ? "—" : String(Math.round(result.score));
  $("label").textContent = failed ? "not scored" : result.label;
  $("label").className = `label ${failed ? "" : result.label}`;
  $("error").textContent = failed ? `Not scored (${result.error.code}): ${result.error.message}` : "";
  const text = result.text ?? submitted.text ?? "";
  const title = result.title ?? submitted.title ?? "";
  const spans = E.describeEvidence(result);
  shown = { result, spans };
  const warnings = E.warningsFor(result, `${title}\n${text}`);
  $("warnings").replaceChildren(...warnings.map((w) => el("li", { "data-kind": w.kind }, `⚠ ${w.message}`)));
  renderReasons(result, spans);
  $("note").textContent = "Select a reason or a marked word to read its note.";
  renderMarked($("title-out"), title, spans.filter((s) => s.field === "title"));
  renderMarked($("article"), text, spans.filter((s) => s.field !== "title"));
}

function isHtml(body) {
  const kind = document.querySelector("input[name=kind]:checked").value;
  return kind === "html" || (kind === "auto" && /^\s*<(!doctype|html|head|body|article|div|p)\b/i.test(body));
}

async function submit(event) {
  event.preventDefault();
  const body = $("body").value;
  const payload = isHtml(body) ? { html: body } : { text: body };
  if ($("title").value.trim()) payload.title = $("title").value.trim();
  if ($("url").value.trim()) payload.url = $("url").value.trim();
  const key = $("apikey").value;
  sessionStorage.setItem("credibly-api-key", key);
  const headers = { "Content-Type": "application/json" };
  if (key) headers["X-API-Key"] = key;
  $("status").textContent = "Scoring…";
  $("submit").disabled = true;
  try {
    const started = performance.now();
    const response = await fetch("/v1/score", { method: "POST", headers, body: JSON.stringify(payload) });
    const data = await response.json();
    if (!response.ok) {
      const why = data.error ? `${data.error.code}: ${data.error.message}` : response.statusText;
      throw new Error(`${response.status} ${why}`);
    }
    render(data, payload);
    const cache = response.headers.get("X-Cache");
    $("status").textContent = `${Math.round(performance.now() - started)} ms${cache ? ` (cache ${cache})` : ""}`;
    if (PHONE.matches) $("verdict").scrollIntoView({ block: "start" });
  } catch (err) {
    $("status").textContent = `Failed: ${err.message}`;
  } finally {
    $("submit").disabled = false;
  }
}

function articleClick(event) {
  const mark = event.target.closest("[data-ev]");
  if (mark && shown) focusMark(mark);
}

function setUpDrop() {
  const area = $("body");
  area.addEventListener("dragover", (e) => {
    e.preventDefault();
    area.classList.add("drop");
  });
  area.addEventListener("dragleave", () => area.classList.remove("drop"));
  area.addEventListener("drop", async (e) => {
    e.preventDefault();
    area.classList.remove("drop");
    const file = e.dataTransfer.files[0];
    if (!file) return;
    area.value = await file.text();
    const html = /\.html?$/i.test(file.name);
    document.querySelector(`input[name=kind][value=${html ? "html" : "text"}]`).checked = true;
  });
}

$("statement").textContent = E.STATEMENT;
$("apikey").value = sessionStorage.getItem("credibly-api-key") || "";
$("form").addEventListener("submit", submit);
$("article-view").addEventListener("click", articleClick);
$("article-view").addEventListener("focusin", (e) => {
  const mark = e.target.closest("[data-ev]");
  if (mark && shown) showNote(mark);
});
document.addEventListener("keydown", (e) => e.key === "Escape" && closeSheet());
setUpDrop();
