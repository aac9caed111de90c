/* credibly — how a result's evidence is shown: effect colours, what to paint, and warnings.
 *
 * One file shared by the demo page (scoring/api/static/evidence.js) and the browser extension
 * (extension/lib/evidence.js); the two copies are kept byte-identical (tests/extension checks it).
 * Pure functions only: no DOM, no network. Loaded as a classic script; exposes CrediblyEvidence.
 */
(function (root) {
  "use strict";

  /** What the score does and does not measure, shown wherever a reader sees a score. */
  const STATEMENT =
    "The score rates how the article is written and sourced (who is quoted, hedging, internal " +
    "consistency, style). It does not check whether the facts are true.";

  /** Reader-facing names of the signal families (the secondary cue next to the effect colour). */
  const FAMILIES = {
    attribution: "sourcing",
    hedging: "hedging",
    consistency: "consistency",
    style: "style",
    text: "wording",
  };

  /** Evidence kinds that cover a whole sentence or line: underlined, never painted. */
  const LINE_KINDS = new Set(["unattributed", "quote", "boilerplate"]);
  /** Any span longer than this many characters is treated like a sentence (underlined). */
  const LONG_SPAN = 60;
  /** Below this many words the scored text is hardly an article: say so next to the score. */
  const SHORT_TEXT_WORDS = 50;

  function family(signal) {
    return FAMILIES[signal] || signal || "other";
  }

  /** "raises" / "lowers" / "neutral" for a reason's signed points. */
  function effectOf(points) {
    if (points > 0) return "raises";
    if (points < 0) return "lowers";
    return "neutral";
  }

  /** "+3.2" / "−11.6" (true minus sign), one decimal. */
  function signedPoints(points) {
    const sign = points > 0 ? "+" : points < 0 ? "−" : "±";
    return sign + Math.abs(points).toFixed(1);
  }

  /** Every evidence span of `result`, annotated for display:
   *  index, reasons (indices of the reasons citing it), effect ("raises" | "lowers" | "mixed" when
   *  citing reasons disagree | "secondary" when no reason cites it), style ("paint" for short spans,
   *  "line" for sentences, lines and long spans) and family (reader-facing family name). */
  function describeEvidence(result) {
    const reasons = (result && result.explanation) || [];
    const spans = ((result && result.evidence) || []).map((e, index) =>
      Object.assign({}, e, { index, reasons: [], effect: "secondary", style: "paint", family: family(e.signal) }),
    );
    reasons.forEach((reason, ri) => {
      for (const i of reason.evidence || []) {
        if (spans[i] && !spans[i].reasons.includes(ri)) spans[i].reasons.push(ri);
      }
    });
    for (const span of spans) {
      const effects = new Set(span.reasons.map((ri) => effectOf(reasons[ri].points)));
      effects.delete("neutral");
      if (effects.size > 1) span.effect = "mixed";
      else if (effects.size === 1) span.effect = [...effects][0];
      const long = (span.end - span.start) > LONG_SPAN;
      span.style = LINE_KINDS.has(span.kind) || long ? "line" : "paint";
    }
    return spans;
  }

  /** Of several spans covering the same characters, the one whose look wins: painted before
   *  underlined, cited before secondary, then the shortest. */
  function dominant(spans) {
    const rank = (s) => (s.style === "paint" ? 0 : 2) + (s.effect === "secondary" ? 1 : 0);
    return spans.reduce((best, s) => {
      const d = rank(s) - rank(best);
      if (d < 0 || (d === 0 && s.end - s.start < best.end - best.start)) return s;
      return best;
    });
  }

  /** The one-line note for a span: effect, family and what was found. */
  function noteFor(span, reasons) {
    const effect = {
      raises: "Raises the score",
      lowers: "Lowers the score",
      mixed: "Cited by reasons that raise and lower the score",
      secondary: "Noticed, not among the top reasons",
    }[span.effect];
    const why = span.reasons.map((ri) => reasons[ri] && reasons[ri].measured).filter(Boolean);
    return {
      effect,
      family: span.family,
      text: span.text,
      note: span.note || span.kind,
      reasons: why,
    };
  }

  // Mojibake: UTF-8 text decoded as Latin-1 / Windows-1252 ("Hereâ€™s", "cafÃ©", "Â£"), or the
  // replacement character left by a failed decode.
  const MOJIBAKE = /â[\u0080-\u009f€™œ\u009d“”˜¦¢]|Ã[\u0080-\u00bf€™‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜šœžŸ]|Â[\u0080-\u00bf]|\ufffd/g;

  /** Garbled characters in `text`: {count, samples: up to 3 short excerpts around them}. */
  function findMojibake(text) {
    const samples = [];
    let count = 0;
    if (!text) return { count, samples };
    MOJIBAKE.lastIndex = 0;
    let m;
    while ((m = MOJIBAKE.exec(text)) !== null) {
      count += 1;
      if (samples.length < 3) {
        const from = Math.max(0, m.index - 12);
        const to = Math.min(text.length, m.index + m[0].length + 12);
        samples.push(text.slice(from, to).replace(/[\u0080-\u009f]/g, "").replace(/\s+/g, " ").trim());
      }
    }
    return { count, samples };
  }

  /** Warnings a reader should see before trusting the score: the engine's own `warnings`, page
   *  boilerplate kept in the text, very little text, and encoding damage (detected here when the
   *  engine did not). `sourceText` is the text that was scored (null when unknown). */
  function warningsFor(result, sourceText) {
    const out = [];
    const engine = (result && result.warnings) || [];
    const words = sourceText ? (sourceText.match(/\S+/g) || []).length : null;
    const short = Boolean(result && !result.error && words !== null && words < SHORT_TEXT_WORDS);
    const isShortNote = (w) => /^short text/.test(String(w));
    const engineSaysShort = engine.some(isShortNote);
    for (const w of engine) {
      // The engine's short-text note is said once, below, in the reader's words.
      if (!(short && isShortNote(w))) out.push({ kind: "engine", message: String(w) });
    }
    const boiler = ((result && result.evidence) || []).filter((e) => e.kind === "boilerplate");
    if (boiler.length) {
      const lines = boiler.slice(0, 2).map((e) => `“${e.text.trim().slice(0, 50)}”`).join(", ");
      out.push({
        kind: "boilerplate",
        message:
          `The text includes page furniture that is not part of the article (${lines}` +
          `${boiler.length > 2 ? ` and ${boiler.length - 2} more` : ""}); it can lower the score.`,
      });
    }
    if (short) {
      out.push({
        kind: "short",
        message:
          `Only ${words} word${words === 1 ? "" : "s"} of article text were found, too few for the score ` +
          "to mean much (is this an article page?)." +
          (engineSaysShort ? " Their evidence counts for less, so the score is pulled towards the middle." : ""),
      });
    }
    const engineSaysEncoding = engine.some((w) => /encod|mojibake|garbl|decod/i.test(String(w)));
    if (!engineSaysEncoding) {
      const bad = findMojibake(sourceText);
      if (bad.count) {
        out.push({
          kind: "encoding",
          message:
            `The text has ${bad.count} garbled character${bad.count > 1 ? "s" : ""} ` +
            `(wrong character encoding, e.g. “${bad.samples[0]}”); spelling signals may be off.`,
        });
      }
    }
    return out;
  }

  root.CrediblyEvidence = {
    STATEMENT,
    FAMILIES,
    LINE_KINDS,
    family,
    effectOf,
    signedPoints,
    describeEvidence,
    dominant,
    noteFor,
    findMojibake,
    warningsFor,
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
