"""The browser extension, unpacked, in Debian's Chromium (new headless mode, persistent profile).

A local news page (tests/fixtures/news_page.html) and the credibly API (temporary SQLite store, an API
key configured) are served from 127.0.0.1; nothing leaves the machine. The extension is loaded from a
copy of ``extension/`` whose optional host permissions are granted up front: that is the state after
a reader accepted the "score every page I visit" prompt, which a test cannot click. The toolbar
button itself cannot be clicked from Playwright either, so the popup is opened as a tab with
``?tab=<id>`` naming the page it reports on (the same code path as a click, minus activeTab).

Checked here: the badge after automatic scoring, the popup (score, label, reasons, statement, site
rating), in-page highlights (colours by effect, sentences only underlined, notes by keyboard, layout
unchanged, page restored exactly when switched off from the popup or from the page), feedback stored
by the server, the per-tab cache (kept across popup openings, dropped on navigation), the options
page (saved on change, masked key, test connection), and the states: server down, time-out, wrong
API key, unreadable pages (chrome://, a PDF, data:), a page without an article.
"""

from __future__ import annotations

import json
import math
import re
import shutil
import sqlite3
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    free_port,
    playwright,
    serve_api,
    serve_directory,
    silent_server,
)
from support import EXAMPLES, FIXTURES, ROOT

from credibly.scoring.api.config import Settings

pytestmark = [pytest.mark.browser, pytest.mark.slow]

API_KEY = "reader-key-1234"
EXTENSION = ROOT / "extension"
BADGE_COLOURS = {"low": [180, 35, 24, 255], "mixed": [181, 71, 8, 255], "high": [26, 127, 55, 255]}
# A minimal one-page PDF, served without a .pdf suffix so only its Content-Type says what it is.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
    b"endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
MENU = "<!doctype html><html><head><title>Menu</title></head><body><nav>Home</nav></body></html>"
GERMAN = (
    "<!doctype html><html lang='de'><head><title>Brücke</title></head><body><article><p>Der Bürgermeister"
    " sagte am Dienstag, dass die Brücke im April wieder geöffnet werde. Die Reparaturen hätten drei Wochen"
    " gedauert, teilte der Gemeinderat mit.</p></article></body></html>"
)


def js_round(value: float) -> int:
    """Math.round, which the badge uses (Python's round() rounds halves to even)."""
    return math.floor(value + 0.5)


def wait_for(check: Callable[[], Any], timeout: float = 20.0, what: str = "condition") -> Any:
    """Poll ``check`` until it returns something truthy (service-worker state has no DOM to wait on)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@dataclass
class Extension:
    """The running browser with the extension: its context, service worker and id, plus shortcuts."""

    context: Any
    worker: Any
    id: str
    expect: Any

    def settings(self, **values: Any) -> None:
        """Replace the extension's stored settings (storage.local) with ``values``."""
        self.worker.evaluate(
            "(v) => chrome.storage.local.clear().then(() => chrome.storage.local.set(v))", values
        )

    def stored(self) -> dict[str, Any]:
        return self.worker.evaluate("() => chrome.storage.local.get(null)")

    def open(self, url: str) -> tuple[Any, int]:
        """A new tab showing ``url``, and that tab's id (the tabs that appeared with it)."""
        before = set(self.tab_ids())
        page = self.context.new_page()
        (tab,) = set(self.tab_ids()) - before
        page.goto(url)
        return page, tab

    def tab_ids(self) -> list[int]:
        return self.worker.evaluate("() => chrome.tabs.query({}).then((ts) => ts.map((t) => t.id))")

    def badge(self, tab: int) -> str:
        return self.worker.evaluate("(id) => chrome.action.getBadgeText({tabId: id})", tab)

    def badge_colour(self, tab: int) -> list[int]:
        return self.worker.evaluate("(id) => chrome.action.getBadgeBackgroundColor({tabId: id})", tab)

    def cached(self, tab: int) -> dict[str, Any] | None:
        """The tab's entry in the background's per-tab cache (storage.session), or None."""
        return self.worker.evaluate(
            "(id) => chrome.storage.session.get(`tab:${id}`).then((s) => s[`tab:${id}`] || null)", tab
        )

    def popup(self, tab: int) -> Any:
        """The popup, opened as a page, reporting on tab ``tab``; returned once it shows a final state."""
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.id}/popup/popup.html?tab={tab}")
        self.expect(page.locator("#loading")).to_be_hidden(timeout=30_000)
        return page


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api") / "api.sqlite3"


@pytest.fixture(scope="module")
def api(db_path: Path) -> Iterator[str]:
    playwright()  # skip before starting anything when the browser is missing
    with serve_api(Settings(db_path=str(db_path), api_keys=(API_KEY,), rate_per_second=0)) as url:
        yield url


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The news site on 127.0.0.1: two articles, a menu page, an article in German, a PDF."""
    root = tmp_path_factory.mktemp("site")
    shutil.copyfile(FIXTURES / "news_page.html", root / "story.html")
    shutil.copyfile(EXAMPLES / "press-release.html", root / "second.html")
    (root / "menu.html").write_text(MENU, encoding="utf-8")
    (root / "german.html").write_text(GERMAN, encoding="utf-8")
    (root / "document").write_bytes(PDF)
    with serve_directory(root) as url:
        yield url


@pytest.fixture(scope="module")
def extension(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Extension]:
    sync_api = playwright()
    unpacked = tmp_path_factory.mktemp("ext") / "extension"
    shutil.copytree(EXTENSION, unpacked)
    manifest = json.loads((unpacked / "manifest.json").read_text(encoding="utf-8"))
    manifest["host_permissions"] = manifest.pop("optional_host_permissions")  # the reader said yes
    (unpacked / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    pw = sync_api.sync_playwright().start()
    context = pw.chromium.launch_persistent_context(
        str(tmp_path_factory.mktemp("profile")),
        executable_path=CHROMIUM,
        headless=False,  # the extension needs the new headless mode, asked for in the arguments
        args=[
            "--headless=new",
            *CHROMIUM_ARGS,
            f"--disable-extensions-except={unpacked}",
            f"--load-extension={unpacked}",
        ],
    )
    try:
        worker = (
            context.service_workers[0]
            if context.service_workers
            else context.wait_for_event("serviceworker", timeout=20_000)
        )
        yield Extension(context, worker, worker.url.split("/")[2], sync_api.expect)
    finally:
        context.close()
        pw.stop()


@pytest.fixture(scope="module")
def story(extension: Extension, api: str, site: str) -> tuple[Any, int]:
    """The news page, opened with automatic scoring on: (page, tab id), once its badge is painted."""
    extension.settings(serverUrl=api, apiKey=API_KEY, autoScore=True)
    page, tab = extension.open(site + "/story.html")
    wait_for(lambda: extension.badge(tab), what="the badge")
    return page, tab


def api_get(api: str, path: str) -> tuple[int, Any]:
    request = urllib.request.Request(api + path, headers={"X-API-Key": API_KEY})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as err:
        return err.code, json.loads(err.read())


def test_page_gets_a_badge_with_score_and_colour(
    extension: Extension, story: tuple[Any, int], db_path: Path
) -> None:
    _, tab = story
    entry = extension.cached(tab)
    assert entry and entry["state"] == "scored" and entry["result"]["error"] is None
    result = entry["result"]
    assert extension.badge(tab) == str(js_round(result["score"]))
    assert extension.badge_colour(tab) == BADGE_COLOURS[result["label"]]
    with sqlite3.connect(db_path) as db:  # the page really went to the server
        (count,) = db.execute("SELECT COUNT(*) FROM articles WHERE url_key LIKE '%/story.html'").fetchone()
    assert count >= 1


def test_popup_shows_score_reasons_statement_and_site_rating(
    extension: Extension, story: tuple[Any, int], api: str
) -> None:
    _, tab = story
    extension.settings(serverUrl=api, apiKey=API_KEY)
    result = extension.cached(tab)["result"]
    popup = extension.popup(tab)
    expect = extension.expect
    expect(popup.locator("#result")).to_be_visible()
    assert popup.locator("#score").inner_text() == extension.badge(tab)
    assert popup.locator("#label").inner_text() == result["label"]
    expect(popup.locator("#statement")).to_contain_text("does not check whether the facts are true")
    shown = result["explanation"][:5]
    items = popup.locator("#reasons li")
    expect(items).to_have_count(len(shown))
    for i, reason in enumerate(shown):
        item = items.nth(i)
        assert ("lowers" if reason["points"] < 0 else "raises") in (item.get_attribute("class") or "")
        expect(item).to_contain_text(reason["measured"])
    status, rating = api_get(api, "/v1/sources/127.0.0.1")
    site_line = popup.locator("#site")
    if status == 404:
        expect(site_line).to_have_text("No rating for 127.0.0.1 yet.")
    else:
        expect(site_line).to_contain_text(f"{js_round(rating['shrunk_mean'])}/100 on average")
        expect(site_line).to_contain_text(f"over {rating['count']} scored")
    popup.close()


def test_highlights_appear_with_notes_and_go_away(
    extension: Extension, story: tuple[Any, int], api: str
) -> None:
    page, tab = story
    extension.settings(serverUrl=api, apiKey=API_KEY)
    expect = extension.expect
    page.bring_to_front()
    before = page.evaluate("() => document.body.innerHTML")
    box = page.locator("#story").bounding_box()
    popup = extension.popup(tab)
    popup.locator("#highlight").check()
    expect(popup.locator("#highlight-status")).to_contain_text("found on the page")
    found, total = (int(n) for n in popup.locator("#highlight-status").inner_text().split()[0:3:2])
    result = extension.cached(tab)["result"]
    assert total == len(result["evidence"]) and found >= 0.9 * total

    marks = page.locator("credibly-mark")
    assert marks.count() >= 10
    # Colour by effect: the misspelling (a reason that lowers) is red; reporting cues cited by a reason
    # that raises are green; a whole quotation is only underlined.
    assert page.locator("credibly-mark.credibly-lowers.credibly-paint", has_text="goverment").count() == 1
    assert page.locator("credibly-mark.credibly-raises.credibly-paint", has_text="said").count() >= 1
    painted = page.eval_on_selector_all(
        "credibly-mark.credibly-paint", "(ms) => ms.map((m) => m.textContent)"
    )
    assert max(len(" ".join(text.split())) for text in painted) <= 60
    assert page.locator("credibly-mark.credibly-line", has_text="People deserve to know").count() == 1
    # Marks do not move the page: same article box, same text.
    after = page.locator("#story").bounding_box()
    assert after and box and abs(after["height"] - box["height"]) < 1 and after["width"] == box["width"]

    # Notes by keyboard: a cited mark is in the tab order and shows its note when focused.
    page.bring_to_front()  # the popup (a tab here) had the focus
    misspelling = page.locator("credibly-mark", has_text="goverment")
    assert misspelling.get_attribute("tabindex") == "0"
    misspelling.focus()
    note = page.locator("credibly-panel .note")
    expect(note).to_be_visible()
    expect(note).to_contain_text("Lowers the score")
    expect(note).to_contain_text("goverment")
    page.keyboard.press("Escape")
    expect(note).to_be_hidden()
    # The panel's reason buttons step through their marks.
    reason = page.locator("credibly-panel button.reason", has_text="goverment")
    reason.focus()
    page.keyboard.press("Enter")
    expect(misspelling).to_have_class(re.compile(r"(^|\s)credibly-current(\s|$)"))
    expect(page.locator("credibly-panel .status")).to_contain_text(
        "Mark 1 of 2"
    )  # "goverment", then "Okafur"

    # Off from the popup: every mark, note and panel gone, the page's markup exactly as before.
    popup.locator("#highlight").uncheck()
    expect(marks).to_have_count(0)
    assert page.evaluate("() => document.body.innerHTML") == before
    assert page.locator("credibly-panel").count() == 0 and page.locator("#credibly-notes").count() == 0

    # Off from the page itself ("Hide highlights" in the panel): same, and the popup learns of it.
    popup.locator("#highlight").check()
    expect(marks.first).to_be_attached()
    page.locator("credibly-panel button.close").click()
    expect(marks).to_have_count(0)
    assert page.evaluate("() => document.body.innerHTML") == before
    wait_for(lambda: extension.cached(tab)["highlighted"] is False, what="highlighted=false")
    popup.close()


def test_feedback_reaches_the_store(
    extension: Extension, story: tuple[Any, int], api: str, db_path: Path
) -> None:
    _, tab = story
    extension.settings(serverUrl=api, apiKey=API_KEY)
    result = extension.cached(tab)["result"]
    popup = extension.popup(tab)
    popup.locator("#comment").fill("The misspelling is a typo, not a sign of a bad source.")
    popup.get_by_role("button", name="Not fair").click()
    extension.expect(popup.locator("#feedback-status")).to_contain_text("Thank you")
    with sqlite3.connect(db_path) as db:
        rows = db.execute("SELECT url_key, host, verdict, comment, result_id FROM feedback").fetchall()
    assert len(rows) == 1
    url_key, host, verdict, comment, result_id = rows[0]
    assert url_key.endswith("/story.html") and host == "127.0.0.1" and verdict == "inaccurate"
    assert comment.startswith("The misspelling") and result_id == result["id"]
    assert popup.get_by_role("button", name="Not fair").get_attribute("aria-pressed") == "true"
    popup.close()


def test_result_is_kept_per_tab_and_dropped_on_navigation(extension: Extension, api: str, site: str) -> None:
    extension.settings(serverUrl=api, apiKey=API_KEY, autoScore=False)
    page, tab = extension.open(site + "/second.html")
    assert extension.badge(tab) == ""  # no automatic scoring: nothing until the reader asks
    popup = extension.popup(tab)
    extension.expect(popup.locator("#result")).to_be_visible()
    first = extension.cached(tab)
    assert first["state"] == "scored" and extension.badge(tab) == str(js_round(first["result"]["score"]))
    popup.close()
    again = extension.popup(tab)  # a closed and reopened popup shows the same result, not a new scoring
    extension.expect(again.locator("#score")).to_have_text(str(js_round(first["result"]["score"])))
    assert extension.cached(tab)["at"] == first["at"]
    again.close()
    page.goto(site + "/menu.html")
    wait_for(lambda: extension.cached(tab) is None, what="the cache entry to be dropped")
    assert extension.badge(tab) == ""
    page.close()


def test_unscorable_page_and_site_without_a_rating(extension: Extension, api: str, site: str) -> None:
    extension.settings(serverUrl=api, apiKey=API_KEY, autoScore=False)
    local = site.replace("127.0.0.1", "localhost")  # a host nothing has been scored from
    page, tab = extension.open(local + "/german.html")
    popup = extension.popup(tab)
    extension.expect(popup.locator("#not-scored")).to_contain_text(
        "Not scored: the text does not look like English"
    )
    extension.expect(popup.locator("#site")).to_have_text("No rating for localhost yet.")
    assert extension.badge(tab) == "–"
    popup.close()
    page.close()


def test_a_page_with_hardly_any_text_gets_a_warning(extension: Extension, api: str, site: str) -> None:
    extension.settings(serverUrl=api, apiKey=API_KEY, autoScore=False)
    page, tab = extension.open(site + "/menu.html")
    popup = extension.popup(tab)
    extension.expect(popup.locator("#warnings")).to_contain_text("too few for the score to mean much")
    extension.expect(popup.locator("#warnings")).to_contain_text("pulled towards the middle")
    popup.close()
    page.close()


def test_server_down_says_how_to_start_it(extension: Extension, site: str) -> None:
    extension.settings(serverUrl=f"http://127.0.0.1:{free_port()}", autoScore=False)
    page, tab = extension.open(site + "/story.html")
    popup = extension.popup(tab)
    failed = popup.locator("#failed")
    extension.expect(failed).to_be_visible()
    extension.expect(failed).to_contain_text("Can't reach the credibly server")
    extension.expect(failed).to_contain_text("credibly serve")
    assert extension.badge(tab) == "?"
    popup.close()
    page.close()


def test_slow_server_times_out_with_a_message(extension: Extension, site: str) -> None:
    with silent_server() as url:
        extension.settings(serverUrl=url, timeoutSeconds=1, autoScore=False)
        page, tab = extension.open(site + "/story.html")
        started = time.monotonic()
        popup = extension.popup(tab)
        extension.expect(popup.locator("#failed")).to_contain_text("The server took too long")
        extension.expect(popup.locator("#failed")).to_contain_text("within 1 seconds")
        assert time.monotonic() - started < 10
        popup.close()
        page.close()


def test_wrong_api_key_is_explained(extension: Extension, api: str, site: str) -> None:
    extension.settings(serverUrl=api, apiKey="not-the-key", autoScore=False)
    page, tab = extension.open(site + "/second.html")
    popup = extension.popup(tab)
    extension.expect(popup.locator("#failed")).to_contain_text("The server wants an API key")
    popup.close()
    page.close()


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("chrome://version", "the browser does not let extensions read this page"),
        ("/document", "this is a PDF document"),
        ("data:text/html,<p>A page without an address.</p>", "the browser does not let extensions read"),
    ],
    ids=["chrome-page", "pdf", "data-url"],
)
def test_unreadable_pages_say_so(extension: Extension, api: str, site: str, address: str, says: str) -> None:
    extension.settings(serverUrl=api, apiKey=API_KEY, autoScore=False)
    page, tab = extension.open(site + address if address.startswith("/") else address)
    popup = extension.popup(tab)
    unreadable = popup.locator("#unreadable")
    extension.expect(unreadable).to_be_visible()
    extension.expect(unreadable).to_contain_text("This page can't be scored")
    extension.expect(unreadable).to_contain_text(says)
    popup.close()
    page.close()


def test_options_page_saves_on_change_masks_the_key_and_tests_the_connection(
    extension: Extension, api: str
) -> None:
    url = f"chrome-extension://{extension.id}/options/options.html"
    wait_for(lambda: url in [p.url for p in extension.context.pages], 10, "the options page on first install")
    extension.settings()
    options = extension.context.new_page()
    options.goto(f"chrome-extension://{extension.id}/options/options.html")
    expect = extension.expect
    expect(options.locator("body[data-ready=true]")).to_be_attached()
    expect(options.locator("#serverUrl")).to_have_value("http://127.0.0.1:8000")  # the default
    expect(options.locator("#privacy")).to_contain_text("Nothing goes anywhere else")

    options.locator("#serverUrl").fill("not a url")
    expect(options.locator("#serverUrl-error")).to_contain_text("http://")
    options.locator("#serverUrl").fill(api)
    wait_for(lambda: extension.stored().get("serverUrl") == api, what="the server address to be saved")

    key = options.locator("#apiKey")
    assert key.get_attribute("type") == "password"
    options.locator("#test").click()
    expect(options.locator("#test-status")).to_contain_text("wants an API key")
    key.fill(API_KEY)
    wait_for(lambda: extension.stored().get("apiKey") == API_KEY, what="the key to be saved")
    options.get_by_role("button", name="Show").click()
    assert key.get_attribute("type") == "text"
    options.get_by_role("button", name="Hide").click()
    assert key.get_attribute("type") == "password"
    options.locator("#test").click()
    expect(options.locator("#test-status")).to_contain_text("Connected: credibly")

    options.locator("#serverUrl").fill(f"http://127.0.0.1:{free_port()}")
    options.locator("#test").click()
    expect(options.locator("#test-status")).to_contain_text("credibly serve")

    # The opt-in asks for access to all sites (already granted in this copy, so no prompt) and saves.
    options.locator("#autoScore").check()
    expect(options.locator("#autoScore-status")).to_contain_text("On:")
    wait_for(lambda: extension.stored().get("autoScore") is True, what="autoScore to be saved")
    options.locator("#autoScore").uncheck()
    wait_for(lambda: extension.stored().get("autoScore") is False, what="autoScore to be switched off")
    options.close()
