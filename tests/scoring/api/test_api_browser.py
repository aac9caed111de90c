"""The demo page in a real headless browser (Debian's Chromium through Playwright, API on 127.0.0.1):
marks by effect on short spans only, notes reachable by keyboard and by touch, warnings for
boilerplate and garbled characters, the statement of what the score measures, a favicon, and a phone
layout with the verdict first. Skips cleanly when Playwright or Chromium is missing.
"""

from __future__ import annotations

import json
import re
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, playwright, serve_api
from support import FIXTURES

from credibly.scoring.api.config import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ARTICLE = json.loads((FIXTURES / "every_evidence_kind.json").read_text(encoding="utf-8"))
# The same article as a badly decoded page would deliver it: UTF-8 apostrophes read as Windows-1252.
GARBLED = ARTICLE["text"].replace("\n\nLeave a Reply", "\n\nHere\u00e2\u0080\u0099s more.\n\nLeave a Reply")
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    playwright()
    settings = Settings(db_path=str(tmp_path_factory.mktemp("api") / "api.sqlite3"), rate_per_second=0)
    with serve_api(settings) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = playwright()
    pw = sync_api.sync_playwright().start()
    browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", *CHROMIUM_ARGS])
    try:
        yield browser
    finally:
        browser.close()
        pw.stop()


def scored_page(browser: Any, base_url: str, text: str = ARTICLE["text"], **context: Any) -> Any:
    """A fresh page with the fixture article submitted and its marks rendered."""
    page = browser.new_page(**context)
    page.goto(base_url + "/")
    page.fill("#title", ARTICLE["title"])
    page.fill("#body", text)
    page.click("#submit")
    page.wait_for_selector("#article [data-ev]", timeout=30_000)
    return page


def test_marks_show_effect_on_short_spans_and_the_text_is_intact(browser: Any, base_url: str) -> None:
    page = scored_page(browser, base_url)
    assert page.locator("#score").inner_text().isdigit()
    assert "does not check whether the facts are true" in page.locator("#statement").inner_text()
    assert page.locator("#article").inner_text().strip() == ARTICLE["text"].strip()
    # Painted marks are short; sentences and boilerplate lines are underlined spans, not <mark>s.
    painted = page.eval_on_selector_all("#article mark", "(ms) => ms.map((m) => m.textContent)")
    assert painted and max(map(len, painted)) <= 60
    assert page.locator("#article .line", has_text="article on Facebook").count() >= 1
    # Colour by effect: the misspelling lowers the score (its reason's points are negative).
    assert page.locator("#article mark.lowers", has_text="never").count() >= 1
    # Title marks are drawn in the title.
    assert page.locator("#title-out mark").count() >= 1
    page.close()


def test_favicon_is_linked_and_served(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(base_url + "/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    with urllib.request.urlopen(base_url + href, timeout=10) as response:
        assert response.status == 200 and response.headers["Content-Type"].startswith("image/svg+xml")
    page.close()


def test_reasons_and_their_notes_are_reachable_by_keyboard(browser: Any, base_url: str) -> None:
    page = scored_page(browser, base_url)
    expect = playwright().expect
    page.focus("#submit")
    page.keyboard.press("Tab")  # the first reason follows the form in the tab order
    reason = page.locator(".reason-btn").first
    expect(reason).to_be_focused()
    page.keyboard.press("Enter")
    expect(reason).to_have_attribute("aria-pressed", "true")
    cited = page.evaluate(
        "() => [...document.querySelectorAll('#article-view .active')].map((m) => m.textContent)"
    )
    assert cited, "Enter on a reason marks its words"
    expect(page.locator("#note")).to_contain_text("marked in the article")
    # Tab on to the reason's first word chip; Enter jumps to that mark and shows its note.
    page.keyboard.press("Tab")
    chip = page.locator(".reason").first.locator(".chip").first
    expect(chip).to_be_focused()
    page.keyboard.press("Enter")
    current = page.locator("#article-view .current")
    expect(current).to_have_count(1)
    expect(current).to_be_focused()
    expect(page.locator("#note")).to_contain_text(chip.inner_text())
    expect(page.locator("#note .head")).to_have_text(re.compile("Raises the score|Lowers the score|both"))
    # Enter again on the reason switches its marks off.
    reason.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#article-view .active")).to_have_count(0)
    page.close()


def test_warnings_for_boilerplate_and_garbled_characters(browser: Any, base_url: str) -> None:
    page = scored_page(browser, base_url, text=GARBLED)
    warnings = page.locator("#warnings li")
    expect = playwright().expect
    expect(page.locator("#warnings li[data-kind=boilerplate]")).to_contain_text(
        "Share this article on Facebook"
    )
    # The engine repairs the damage and says so; the page shows its warning.
    expect(page.locator("#warnings")).to_contain_text("garbled character")
    assert warnings.count() >= 2
    page.close()


def test_a_short_text_is_warned_about_once_with_the_engines_effect(browser: Any, base_url: str) -> None:
    page = scored_page(browser, base_url, text="Officials said on Monday the bridge would reopen next week.")
    expect = playwright().expect
    short = page.locator("#warnings li[data-kind=short]")
    expect(short).to_contain_text(re.compile(r"Only \d+ words of article text were found"))
    expect(short).to_contain_text("pulled towards the middle")
    expect(page.locator("#warnings li", has_text="short text")).to_have_count(0)  # not said twice
    page.close()
    # 50-79 words: no reader's note of its own, so the engine's warning is shown as it is.
    page = scored_page(
        browser, base_url, text=" ".join(["Officials said on Monday the bridge would reopen."] * 8)
    )
    expect(page.locator("#warnings li", has_text="short text (64 words)")).to_have_count(1)
    expect(page.locator("#warnings li[data-kind=short]")).to_have_count(0)
    page.close()


def test_phone_layout_puts_the_verdict_first_and_notes_open_on_tap(browser: Any, base_url: str) -> None:
    page = scored_page(browser, base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    expect = playwright().expect
    verdict = page.locator("#verdict").bounding_box()
    article = page.locator("#article-view").bounding_box()
    form = page.locator("#form").bounding_box()
    assert verdict and article and form
    assert verdict["y"] < article["y"] < form["y"], "verdict, then article, then form"
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert verdict["width"] <= PHONE["width"]
    mark = page.locator("#article mark.lowers", has_text="never").first
    mark.scroll_into_view_if_needed()
    mark.tap()
    note = page.locator("#note.sheet")
    expect(note).to_be_visible()
    expect(note).to_contain_text("they was never")
    box = note.bounding_box()
    assert box and box["y"] + box["height"] <= PHONE["height"], "the note opens inside the screen"
    page.get_by_role("button", name="Close the note").tap()
    expect(page.locator("#note.sheet")).to_have_count(0)
    page.close()


def test_shared_evidence_rules(browser: Any, base_url: str) -> None:
    """evidence.js (shared with the extension): effect from the citing reasons, sentences underlined,
    garbled characters found without flagging ordinary accents."""
    page = browser.new_page()
    page.goto(base_url + "/")
    spans = page.evaluate(
        """() => CrediblyEvidence.describeEvidence({
            explanation: [{points: 3, evidence: [0, 1]}, {points: -2, evidence: [1, 2]}],
            evidence: [
              {signal: "attribution", kind: "cue", start: 0, end: 4, text: "said"},
              {signal: "text", kind: "ngram", start: 0, end: 4, text: "said"},
              {signal: "style", kind: "misspelling", start: 5, end: 9, text: "teh"},
              {signal: "attribution", kind: "quote", start: 10, end: 20, text: "'a quote'"},
              {signal: "hedging", kind: "hedge", start: 30, end: 120, text: "x".repeat(90)},
            ]})"""
    )
    assert [s["effect"] for s in spans] == ["raises", "mixed", "lowers", "secondary", "secondary"]
    assert [s["style"] for s in spans] == ["paint", "paint", "paint", "line", "line"]
    assert [s["family"] for s in spans][:3] == ["sourcing", "wording", "style"]
    found = page.evaluate(
        """() => ["Here\\u00e2\\u0080\\u0099s", "Hereâ€™s", "cafÃ©", "Â£5", "bad \\ufffd byte",
                  "château", "São Paulo", "naïve", "£5", "Here’s"]
                 .map((t) => CrediblyEvidence.findMojibake(t).count)"""
    )
    assert found == [1, 1, 1, 1, 1, 0, 0, 0, 0, 0]
    page.close()
