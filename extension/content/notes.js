/* credibly extension — the notes that go with the in-page highlights: a small panel listing the
 * reasons (each a button that steps through its marks) and a note box shown next to a mark on hover,
 * keyboard focus or tap. Lives in a shadow root so the page's styles and ours never mix.
 * Exposes CrediblyNotes {mount(result, spans, marks, foundIndices), unmount()}.
 */
(function (root) {
  "use strict";
  if (root.CrediblyNotes) return;

  const E = root.CrediblyEvidence;
  const ext = root.browser || root.chrome;

  const CSS = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .panel { position: fixed; right: 12px; bottom: 12px; z-index: 2147483647; width: min(22rem, calc(100vw - 24px));
      max-height: min(70vh, 36rem); overflow: auto; background: #fff; color: #1f2328; border: 1px solid #c9ced6;
      border-radius: 10px; box-shadow: 0 6px 24px rgba(0,0,0,.18); font: 14px/1.4 system-ui, sans-serif; }
    header { display: flex; align-items: center; gap: .5rem; padding: .6rem .75rem; border-bottom: 1px solid #e5e7eb;
      position: sticky; top: 0; background: #fff; }
    .score { font-size: 1.4rem; font-weight: 700; }
    .label { padding: .05rem .55rem; border-radius: 1rem; font-weight: 600; }
    .label.low { background: #fde2e1; color: #8a1c12; } .label.mixed { background: #fdebc8; color: #7a3d04; }
    .label.high { background: #d5f2dd; color: #0f5323; }
    .spacer { flex: 1; }
    button { font: inherit; cursor: pointer; }
    header button { border: 1px solid #c9ced6; background: #f6f8fa; border-radius: 6px; padding: .2rem .5rem; }
    .body { padding: .5rem .75rem .75rem; }
    .statement { margin: 0 0 .5rem; color: #57606a; font-size: 12.5px; }
    ol { list-style: none; margin: 0; padding: 0; display: grid; gap: .35rem; }
    .reason { display: block; width: 100%; text-align: left; border: 1px solid #e5e7eb; background: #fff;
      border-radius: 8px; padding: .4rem .5rem; color: inherit; }
    .reason:hover { background: #f6f8fa; }
    .reason:focus-visible, header button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
    .reason[aria-pressed="true"] { border-color: #1d4ed8; background: #eef4ff; }
    .effect { font-weight: 700; white-space: nowrap; }
    .raises .effect { color: #1a7f37; } .lowers .effect { color: #b42318; }
    .count { display: block; color: #57606a; font-size: 12px; }
    .legend { margin: .6rem 0 0; color: #57606a; font-size: 12px; }
    .sw { display: inline-block; width: .9em; height: .9em; border-radius: 2px; vertical-align: -1px; }
    .sw.raises { background: rgba(26,127,55,.3); } .sw.lowers { background: rgba(214,69,30,.32); }
    .status { margin: .5rem 0 0; font-size: 12.5px; color: #1f2328; }
    .status:empty { display: none; }
    .collapsed .body { display: none; }
    .note { position: fixed; z-index: 2147483647; max-width: min(24rem, calc(100vw - 16px)); background: #1f2328;
      color: #fff; border-radius: 8px; padding: .5rem .65rem; font: 13px/1.4 system-ui, sans-serif;
      box-shadow: 0 4px 16px rgba(0,0,0,.25); }
    .note[hidden] { display: none; }
    .note .head { font-weight: 700; }
    .note .head.raises { color: #8ee0a6; } .note .head.lowers { color: #ffb4a8; }
    .note .why { color: #d0d7de; margin-top: .25rem; }
  `;

  let ui = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else node.setAttribute(k, v);
    }
    for (const child of children) node.append(child);
    return node;
  }

  function reasonsOf(mark) {
    return (mark.dataset.crediblyReasons || "").split(" ").filter(Boolean).map(Number);
  }

  function spansOf(mark) {
    return (mark.dataset.crediblyEv || "").split(" ").filter(Boolean).map((i) => ui.spans[Number(i)]);
  }

  function showNote(mark) {
    const reasons = ui.result.explanation || [];
    const covering = spansOf(mark);
    if (!covering.length) return;
    const top = E.dominant(covering);
    const notes = [top, ...covering.filter((s) => s !== top)].map((s) => E.noteFor(s, reasons));
    const box = ui.note;
    box.replaceChildren();
    box.append(el("div", { class: `head ${top.effect}` }, notes[0].effect));
    for (const n of notes) box.append(el("div", {}, `${n.family}: “${n.text}” — ${n.note}`));
    const why = [...new Set(notes.flatMap((n) => n.reasons))];
    if (why.length) box.append(el("div", { class: "why" }, `Reason: ${why.join("; ")}`));
    box.hidden = false;
    ui.noteFor = mark;
    place(mark);
  }

  /** Put the note box under the mark (above it near the bottom of the window). */
  function place(mark) {
    const box = ui.note;
    const rect = mark.getBoundingClientRect();
    const width = box.offsetWidth;
    const height = box.offsetHeight;
    const left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    const below = rect.bottom + 6 + height < window.innerHeight;
    box.style.left = `${left}px`;
    box.style.top = `${below ? rect.bottom + 6 : Math.max(8, rect.top - height - 6)}px`;
  }

  function hideNote() {
    if (!ui) return;
    ui.note.hidden = true;
    ui.noteFor = null;
    ui.pinned = false;
  }

  function markFrom(event) {
    const target = event.target;
    return target && target.closest ? target.closest("credibly-mark") : null;
  }

  /** Step through the marks of reason `ri`: focus the next one, scroll it into view, show its note. */
  function stepReason(ri, button) {
    const marks = ui.marks.filter((m) => reasonsOf(m).includes(ri) && m.isConnected);
    for (const m of ui.marks) m.classList.remove("credibly-current");
    for (const b of ui.reasonButtons) b.setAttribute("aria-pressed", String(b === button));
    if (!marks.length) return;
    for (const m of marks) m.classList.add("credibly-current");
    const next = marks[(ui.cursor.get(ri) ?? -1) + 1] ? (ui.cursor.get(ri) ?? -1) + 1 : 0;
    ui.cursor.set(ri, next);
    const mark = marks[next];
    mark.scrollIntoView({ block: "center" });
    showNote(mark);
    ui.pinned = true;
    const spans = spansOf(mark);
    ui.status.textContent = `Mark ${next + 1} of ${marks.length}: “${spans[0].text}” — ${spans[0].note}`;
  }

  function buildPanel(result, found) {
    const reasons = result.explanation || [];
    const aside = el("aside", { class: "panel", "aria-label": "credibly: why this score" });
    const collapse = el("button", { type: "button", "aria-expanded": "true", title: "Fold the panel" }, "–");
    const close = el("button", { type: "button", class: "close" }, "Hide highlights");
    const header = el(
      "header",
      {},
      el("span", { class: "score" }, result.error ? "—" : String(Math.round(result.score))),
      el("span", { class: `label ${result.label || ""}` }, result.label || "not scored"),
      el("span", { class: "spacer" }),
      collapse,
      close,
    );
    const list = el("ol", { "aria-label": "Reasons" });
    const buttons = [];
    reasons.forEach((reason, ri) => {
      const effect = E.effectOf(reason.points);
      const onPage = (reason.evidence || []).filter((i) => found.has(i)).length;
      const count = !(reason.evidence || []).length
        ? "no particular words"
        : onPage
          ? `${onPage} marked on the page — press to step through`
          : "its words were not found on the page";
      const arrow = effect === "raises" ? "▲ raises" : effect === "lowers" ? "▼ lowers" : "•";
      const button = el(
        "button",
        { type: "button", class: `reason ${effect}`, "aria-pressed": "false" },
        el("span", { class: "effect" }, `${arrow} ${E.signedPoints(reason.points)}`),
        " ",
        reason.measured || reason.text || reason.feature,
        el("span", { class: "count" }, count),
      );
      button.addEventListener("click", () => stepReason(ri, button));
      buttons.push(button);
      list.append(el("li", {}, button));
    });
    const legend = el(
      "p",
      { class: "legend" },
      el("span", { class: "sw raises" }),
      " raises the score  ",
      el("span", { class: "sw lowers" }),
      " lowers it · underline colour = family; dotted = whole sentence or line",
    );
    const status = el("p", { class: "status", role: "status" });
    const body = el("div", { class: "body" }, el("p", { class: "statement" }, E.STATEMENT), list, status, legend);
    aside.append(header, body);
    collapse.addEventListener("click", () => {
      const folded = aside.classList.toggle("collapsed");
      collapse.setAttribute("aria-expanded", String(!folded));
      collapse.textContent = folded ? "+" : "–";
    });
    close.addEventListener("click", () => {
      root.CrediblyHighlights.hide();
      ext.runtime.sendMessage({ type: "highlights-hidden" }).catch(() => {});
    });
    return { aside, buttons, status };
  }

  function mount(result, spans, marks, found) {
    unmount();
    const host = document.createElement("credibly-panel");
    const shadow = host.attachShadow({ mode: "open" });
    const { aside, buttons, status } = buildPanel(result, found);
    const note = el("div", { class: "note", role: "tooltip", hidden: "" });
    shadow.append(el("style", {}, CSS), aside, note);
    document.documentElement.appendChild(host);
    const handlers = {
      focusin: (e) => markFrom(e) && showNote(markFrom(e)),
      focusout: (e) => markFrom(e) && !ui.pinned && hideNote(),
      mouseover: (e) => markFrom(e) && !ui.pinned && showNote(markFrom(e)),
      mouseout: (e) => markFrom(e) && !ui.pinned && document.activeElement !== markFrom(e) && hideNote(),
      click: (e) => {
        const mark = markFrom(e);
        if (mark) {
          showNote(mark);
          ui.pinned = true;
        } else if (ui.pinned && !host.contains(e.target)) hideNote();
      },
      keydown: (e) => e.key === "Escape" && hideNote(),
      scroll: () => ui.noteFor && place(ui.noteFor), // the note follows its mark
    };
    for (const [type, fn] of Object.entries(handlers)) document.addEventListener(type, fn, true);
    ui = {
      host, note, status, result, spans, marks, handlers,
      reasonButtons: buttons, cursor: new Map(), pinned: false,
    };
  }

  function unmount() {
    if (!ui) return;
    for (const [type, fn] of Object.entries(ui.handlers)) document.removeEventListener(type, fn, true);
    ui.host.remove();
    ui = null;
  }

  root.CrediblyNotes = { mount, unmount };
})(globalThis);
