/* credibly extension — in-page highlights of a result's evidence (injected on demand, removable).
 *
 * The API scored the text it extracted from the page's HTML, so evidence offsets refer to that text,
 * not to the DOM. Each span is found again in the page's visible text nodes by its words and a little
 * of the text around it, ignoring all whitespace (extraction joins paragraphs differently than the
 * page lays them out). Matched characters are wrapped in <credibly-mark> elements by splitting text
 * nodes; the page's own markup is never rewritten, and hide() puts every split text node back as it
 * was (same node, same text). Exposes CrediblyHighlights {show(result) -> {found, total}, hide()}.
 */
(function (root) {
  "use strict";
  if (root.CrediblyHighlights) return;

  const E = root.CrediblyEvidence;
  const SKIP =
    "script, style, noscript, textarea, template, select, option, svg, math, input, button, " +
    "credibly-panel, credibly-note, #credibly-notes, [contenteditable=''], [contenteditable='true']";
  const NOTES_ID = "credibly-notes";

  let current = null; // {splits: Map<Text, {original, created}>, marks, notes, spans}

  /** Characters that do not count when matching: whitespace, zero-width space, soft hyphen. */
  function ignorable(code) {
    return (
      code === 32 ||
      (code >= 9 && code <= 13) ||
      code === 0xa0 ||
      code === 0xad ||
      code === 0x1680 ||
      (code >= 0x2000 && code <= 0x200b) ||
      code === 0x2028 ||
      code === 0x2029 ||
      code === 0x202f ||
      code === 0x205f ||
      code === 0x3000 ||
      code === 0xfeff
    );
  }

  function squeeze(text) {
    let out = "";
    for (let i = 0; i < text.length; i++) if (!ignorable(text.charCodeAt(i))) out += text[i];
    return out;
  }

  /** Text nodes a reader can see (not in scripts, form fields, hidden elements or our own UI). */
  function visibleTextNodes() {
    const verdicts = new Map();
    const nodes = [];
    if (!document.body) return nodes;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !/\S/.test(n.data)) continue;
      let ok = verdicts.get(parent);
      if (ok === undefined) {
        ok =
          !parent.closest(SKIP) &&
          (typeof parent.checkVisibility !== "function" ||
            parent.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true }));
        verdicts.set(parent, ok);
      }
      if (ok) nodes.push(n);
    }
    return nodes;
  }

  /** The visible text without ignorable characters, with each character's text node and offset. */
  function flatten(nodes) {
    let total = 0;
    for (const n of nodes) total += n.data.length;
    const nodeOf = new Int32Array(total);
    const offsetOf = new Int32Array(total);
    const parts = [];
    let k = 0;
    nodes.forEach((node, ni) => {
      const data = node.data;
      let kept = "";
      for (let i = 0; i < data.length; i++) {
        if (ignorable(data.charCodeAt(i))) continue;
        kept += data[i];
        nodeOf[k] = ni;
        offsetOf[k] = i;
        k++;
      }
      parts.push(kept);
    });
    return { text: parts.join(""), nodeOf, offsetOf, nodes };
  }

  function findFrom(haystack, needle, cursor) {
    const at = haystack.indexOf(needle, cursor);
    return at >= 0 ? at : haystack.indexOf(needle);
  }

  /** Start of `span` in the flat page text, or -1: its words with some context first (so the right
   *  "said" of many is found), then shorter context, then the words alone after the previous span. */
  function locate(flat, source, span, cursor) {
    const needle = squeeze(span.text);
    if (!needle) return { at: -1 };
    const before = squeeze(source.slice(Math.max(0, span.start - 80), span.start));
    const after = squeeze(source.slice(span.end, span.end + 80));
    for (const k of [24, 10, 4]) {
      const left = before.slice(-k);
      const right = after.slice(0, k);
      let at = findFrom(flat.text, left + needle + right, cursor);
      if (at >= 0) return { at: at + left.length, sure: true };
      if (k === 4) break;
      at = findFrom(flat.text, left + needle, cursor);
      if (at >= 0 && left) return { at: at + left.length, sure: true };
      at = findFrom(flat.text, needle + right, cursor);
      if (at >= 0 && right) return { at, sure: true };
    }
    return { at: findFrom(flat.text, needle, cursor), sure: false };
  }

  /** [{a, b, span}] ranges of the flat text, one per evidence span found on the page. */
  function match(flat, result, spans) {
    const ranges = [];
    for (const field of ["title", "text"]) {
      const source = field === "title" ? result.title || "" : result.text || "";
      const mine = spans.filter((s) => (s.field || "text") === field).sort((x, y) => x.start - y.start);
      let cursor = 0;
      for (const span of mine) {
        const found = locate(flat, source, span, cursor);
        if (found.at < 0) continue;
        ranges.push({ a: found.at, b: found.at + squeeze(span.text).length, span });
        if (found.sure) cursor = found.at;
      }
    }
    return ranges;
  }

  /** Pieces to wrap: maximal runs of characters covered by the same spans, cut at text-node ends. */
  function pieces(flat, ranges) {
    const cuts = [...new Set(ranges.flatMap((r) => [r.a, r.b]))].sort((x, y) => x - y);
    const out = [];
    for (let c = 0; c + 1 < cuts.length; c++) {
      const [x, y] = [cuts[c], cuts[c + 1]];
      const covering = ranges.filter((r) => r.a <= x && r.b >= y).map((r) => r.span);
      if (!covering.length) continue;
      let i = x;
      while (i < y) {
        const ni = flat.nodeOf[i];
        let j = i;
        while (j + 1 < y && flat.nodeOf[j + 1] === ni) j++;
        out.push({ node: flat.nodes[ni], ni, s: flat.offsetOf[i], e: flat.offsetOf[j] + 1, covering });
        i = j + 1;
      }
    }
    return out;
  }

  /** Wrap node.data[s:e] in `mark`, remembering every node created so hide() can undo it. */
  function wrap(splits, node, s, e, mark) {
    let record = splits.get(node);
    if (!record) {
      record = { original: node.data, created: [] };
      splits.set(node, record);
    }
    const middle = node.splitText(s);
    record.created.push(middle);
    if (e - s < middle.data.length) record.created.push(middle.splitText(e - s));
    middle.parentNode.insertBefore(mark, middle);
    mark.appendChild(middle);
    record.created.push(mark);
  }

  function makeMark(covering) {
    const top = E.dominant(covering);
    const mark = document.createElement("credibly-mark");
    mark.className = `credibly-${top.effect} credibly-${top.style} credibly-fam-${top.signal}`;
    mark.setAttribute("role", "mark");
    mark.dataset.crediblyEv = covering.map((s) => s.index).join(" ");
    const cited = covering.some((s) => s.reasons.length);
    mark.tabIndex = cited ? 0 : -1;
    mark.setAttribute("aria-describedby", covering.map((s) => `credibly-note-${s.index}`).join(" "));
    mark.dataset.crediblyReasons = [...new Set(covering.flatMap((s) => s.reasons))].join(" ");
    return mark;
  }

  /** Hidden descriptions (one per span) that marks point to with aria-describedby. */
  function notesBox(spans, reasons) {
    const box = document.createElement("div");
    box.id = NOTES_ID;
    box.hidden = true;
    for (const span of spans) {
      const note = E.noteFor(span, reasons);
      const div = document.createElement("div");
      div.id = `credibly-note-${span.index}`;
      div.textContent = `${note.effect} (${note.family}): ${note.note}.`;
      box.appendChild(div);
    }
    document.documentElement.appendChild(box);
    return box;
  }

  function show(result) {
    hide();
    const reasons = result.explanation || [];
    const spans = E.describeEvidence(result);
    const flat = flatten(visibleTextNodes());
    const ranges = match(flat, result, spans);
    const splits = new Map();
    const marks = [];
    const todo = pieces(flat, ranges).sort((p, q) => q.ni - p.ni || q.s - p.s);
    for (const piece of todo) {
      const mark = makeMark(piece.covering);
      wrap(splits, piece.node, piece.s, piece.e, mark);
      marks.push(mark);
    }
    marks.reverse(); // document order
    const found = new Set(ranges.map((r) => r.span.index));
    current = { splits, marks, spans, notes: notesBox(spans, reasons) };
    if (root.CrediblyNotes) root.CrediblyNotes.mount(result, spans, marks, found);
    return { found: found.size, total: spans.length, marks: marks.length };
  }

  function hide() {
    if (!current) return false;
    if (root.CrediblyNotes) root.CrediblyNotes.unmount();
    for (const [node, record] of current.splits) {
      for (const created of record.created) created.remove();
      node.data = record.original;
    }
    current.notes.remove();
    current = null;
    return true;
  }

  root.CrediblyHighlights = { show, hide, isShown: () => current !== null, squeeze };
})(globalThis);
