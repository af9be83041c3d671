"""The review pages in a real headless Chromium (Debian's, through Playwright), against the
live server on SQLite and PostgreSQL: the no-JavaScript flow, a conflict between two
reviewers (with and without JavaScript), saving in place and the keyboard shortcuts, and
axe-core's accessibility audit. Saves the screenshots the README shows.

The browser is ``TRANSLATOR_TEST_CHROMIUM`` (scripts/browser.sh installs it); without it the
tests fail when CI is set and are skipped otherwise, as the PostgreSQL tests are.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
from playwright.sync_api import expect

from tests.test_review_pages import NAMES_PAGE, PAGE, create_budget, create_with_names

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SCREENSHOTS = Path(__file__).parent.parent / "docs" / "screenshots"
BAD = {"serious", "critical"}


@pytest.fixture
def browser() -> Iterator["Browser"]:
    executable = os.environ.get("TRANSLATOR_TEST_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).is_file():
        message = f"no Chromium at {executable} (see scripts/browser.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable)
        yield launched
        launched.close()


@pytest.fixture
def site(api_url: str) -> str:
    create_budget(api_url)
    return api_url


def audit(page: "Page") -> None:
    """No serious or critical axe-core violation on ``page``."""
    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in violations if v["impact"] in BAD]
    assert bad == [], bad


def shoot(page: "Page", name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / name, full_page=True)


def test_review_without_javascript(browser: "Browser", site: str) -> None:
    context = browser.new_context(base_url=site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/review")
    assert page.locator("tbody tr td").nth(4).inner_text() == "1"  # flagged
    shoot(page, "review-list.png")
    page.get_by_role("link", name="uk → en").click()
    assert page.url == f"{site}{PAGE}"

    page.get_by_label("Translation of sentence 1").fill("The Verkhovna Rada passed the budget.")
    page.locator("#segment-0").get_by_role("button", name="Save", exact=True).click()
    assert page.locator("#live").inner_text() == "Segment 1 saved."
    assert page.locator("#segment-0 .diff ins").all_inner_texts() == [
        "The ",
        "passed",
        "the budget",
    ]
    shoot(page, "review-page.png")
    assert page.get_by_role("button", name="Publish").is_disabled()
    assert page.locator("#publish-reason").inner_text() == "3 of 3 segments are not approved yet."

    page.get_by_role("button", name="Approve all unflagged").click()
    assert page.locator("#live").inner_text() == (
        "Approved 3 segments; 0 flagged segments left to review."
    )
    page.get_by_role("button", name="Publish").click()
    assert page.locator("#live").inner_text() == "The version is published."

    page.reload()
    assert page.locator("#version-status").inner_text() == "published"
    assert page.get_by_label("Translation of sentence 1").input_value() == (
        "The Verkhovna Rada passed the budget."
    )
    assert page.locator(".segment .checks .status").all_inner_texts() == ["approved"] * 3
    context.close()


def test_two_reviewers_the_loser_keeps_their_text(browser: "Browser", site: str) -> None:
    first, second = (browser.new_context(base_url=site).new_page() for _ in range(2))
    for page in (first, second):
        page.route("**/static/review.js", lambda route: route.abort())  # plain forms; axe runs
        page.goto(PAGE)
    first.get_by_label("Translation of sentence 3").fill("Kyiv city.")
    first.locator("#segment-2").get_by_role("button", name="Save", exact=True).click()
    assert first.locator("#live").inner_text() == "Segment 3 saved."

    second.get_by_label("Translation of sentence 3").fill("Kyiv town.")
    second.locator("#segment-2").get_by_role("button", name="Save", exact=True).click()
    assert second.locator("h1").inner_text() == "Segment 3 was changed by someone else"
    assert second.locator(".theirs").inner_text() == "Kyiv city."
    assert second.get_by_label("Your translation").input_value() == "Kyiv town."
    assert second.locator(".machine").inner_text() == "Kyiv."
    shoot(second, "review-conflict.png")
    audit(second)

    second.get_by_role("button", name="Keep mine").click()
    assert second.locator("#live").inner_text() == "Segment 3 saved."
    assert second.get_by_label("Translation of sentence 3").input_value() == "Kyiv town."
    first.reload()
    assert first.get_by_label("Translation of sentence 3").input_value() == "Kyiv town."


def test_no_serious_accessibility_violations(browser: "Browser", site: str) -> None:
    page = browser.new_context(base_url=site).new_page()
    page.goto("/review")
    audit(page)
    page.goto(PAGE)
    audit(page)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    audit(page)
    page.goto("/review/sign-in")
    audit(page)


def test_keyboard_shortcuts(browser: "Browser", site: str) -> None:
    page = browser.new_context(base_url=site).new_page()
    page.goto(PAGE)
    page.evaluate("window.stayed = 'here'")  # gone if the page were loaded again
    first = page.get_by_label("Translation of sentence 1")
    first.fill("The Verkhovna Rada passed the budget.")
    first.press("Control+Enter")  # saved in place
    expect(page.locator("#live")).to_have_text("Segment 1 approved.")
    page.wait_for_function("document.activeElement.id === 'text-1'", timeout=5000)  # next to do

    page.keyboard.press("Alt+ArrowDown")
    assert page.evaluate("document.activeElement.id") == "text-2"
    third = page.get_by_label("Translation of sentence 3")
    third.fill("scratch")
    third.press("Control+Shift+C")
    assert third.input_value() == "Kyiv."
    third.fill("Kyiv, the capital.")
    third.press("Escape")
    assert third.input_value() == "Kyiv."
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#help").is_hidden()

    third.fill("Kyiv, the capital.")
    third.press("Control+Shift+Enter")
    expect(page.locator("#live")).to_have_text("Segment 3 saved.")
    statuses = page.locator(".segment .checks .status").all_inner_texts()
    assert statuses == ["approved", "machine", "edited"]
    assert page.evaluate("window.stayed") == "here"

    page.get_by_label("Translation of sentence 2").press_sequentially("!")
    with page.expect_event("dialog") as asked:  # unsaved edits: leaving asks first
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()


def test_saving_in_place(browser: "Browser", site: str) -> None:
    context = browser.new_context(base_url=site)
    page = context.new_page()
    page.goto(PAGE)
    page.evaluate("window.stayed = 'here'")  # gone if the page were loaded again
    first = page.get_by_label("Translation of sentence 1")
    first.fill("The Verkhovna Rada passed the budget.")
    page.locator("#segment-0").get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("#live")).to_have_text("Segment 1 saved.")
    assert page.evaluate("window.stayed") == "here"
    assert page.locator("#segment-0 .diff ins").all_inner_texts() == [
        "The ",
        "passed",
        "the budget",
    ]
    assert page.locator("#segment-0 .checks .status").inner_text() == "edited"
    assert page.evaluate("document.activeElement.id") == "text-0"
    audit(page)

    page.locator("#segment-1").get_by_role("button", name="Save and approve").click()
    expect(page.locator("#live")).to_have_text("Segment 2 approved.")
    page.wait_for_function("document.activeElement.id === 'text-2'", timeout=5000)  # next to do
    assert page.locator(".segment .checks .status").all_inner_texts() == [
        "edited",
        "approved",
        "machine",
    ]
    assert page.locator("#publish-reason").inner_text() == "2 of 3 segments are not approved yet."
    assert page.evaluate("window.stayed") == "here"

    third = page.get_by_label("Translation of sentence 3")
    third.fill("Kyiv, the capital.")
    page.route("**/segments/*", lambda route: route.abort())  # the server is out of reach
    third.press("Control+Shift+Enter")
    expect(page.locator("#live")).to_have_text(
        "Not saved: the server could not be reached. Your text is still in the box."
    )
    assert third.input_value() == "Kyiv, the capital."
    page.unroute("**/segments/*")
    context.clear_cookies()  # the form's token no longer matches: refused, the text stays
    third.press("Control+Shift+Enter")
    expect(page.locator("#live")).to_have_text(
        "Not saved: the form's security token is missing or stale; reload the page. "
        "Your text is still in the box."
    )
    assert third.input_value() == "Kyiv, the capital."

    page.reload()
    assert first.input_value() == "The Verkhovna Rada passed the budget."
    assert third.input_value() == "Kyiv."
    assert page.locator(".segment .checks .status").all_inner_texts() == [
        "edited",
        "approved",
        "machine",
    ]
    context.close()


def test_a_lost_save_in_place_keeps_the_typed_text(browser: "Browser", site: str) -> None:
    first, second = (browser.new_context(base_url=site).new_page() for _ in range(2))
    for page in (first, second):
        page.goto(PAGE)
    second.evaluate("window.stayed = 'here'")
    first.get_by_label("Translation of sentence 3").fill("Kyiv city.")
    first.locator("#segment-2").get_by_role("button", name="Save", exact=True).click()
    expect(first.locator("#live")).to_have_text("Segment 3 saved.")

    second.get_by_label("Translation of sentence 3").fill("Kyiv town.")
    second.locator("#segment-2").get_by_role("button", name="Save", exact=True).click()
    expect(second.locator("#live")).to_have_text(
        "Segment 3 was not saved: someone else changed it. Your text is kept: "
        "choose which text to keep."
    )
    choice = second.locator("#conflict-2")
    assert choice.get_by_role("heading", level=2).first.inner_text() == (
        "Segment 3 was changed by someone else"
    )
    assert choice.locator(".theirs").inner_text() == "Kyiv city."
    assert choice.locator(".machine").inner_text() == "Kyiv."
    assert second.get_by_label("Your translation").input_value() == "Kyiv town."
    assert second.evaluate("document.activeElement.id") == "mine-2"
    assert second.get_by_label("Translation of sentence 3").input_value() == "Kyiv city."
    shoot(second, "review-conflict-in-place.png")
    audit(second)

    second.get_by_role("button", name="Keep mine").click()
    expect(second.locator("#live")).to_have_text("Segment 3 saved.")
    expect(choice).to_have_count(0)
    assert second.get_by_label("Translation of sentence 3").input_value() == "Kyiv town."
    assert second.evaluate("window.stayed") == "here"
    first.reload()
    assert first.get_by_label("Translation of sentence 3").input_value() == "Kyiv town."

    second.get_by_label("Translation of sentence 3").fill("Kyiv, the city.")
    second.locator("#segment-2").get_by_role("button", name="Save", exact=True).click()
    expect(second.locator("#live")).to_have_text("Segment 3 saved.")
    first.get_by_label("Translation of sentence 3").fill("Kyiv, the capital.")
    first.locator("#segment-2").get_by_role("button", name="Save", exact=True).click()
    expect(first.locator("#live")).to_have_text(
        "Segment 3 was not saved: someone else changed it. Your text is kept: "
        "choose which text to keep."
    )
    first.get_by_role("button", name="Take theirs").click()
    expect(first.locator("#live")).to_have_text("Segment 3 keeps their text.")
    expect(first.locator("#conflict-2")).to_have_count(0)
    assert first.get_by_label("Translation of sentence 3").input_value() == "Kyiv, the city."


def test_names_are_marked_and_added_in_place(browser: "Browser", site: str) -> None:
    with httpx.Client(base_url=site) as client:
        create_with_names(client, "names", "default")
    page = browser.new_context(base_url=site).new_page()
    page.goto(NAMES_PAGE)
    page.evaluate("window.stayed = 'here'")  # gone if the page were loaded again
    source = page.locator("#segment-0 td.source mark.name")
    assert source.all_inner_texts() == ["Фастові", "Ярославу Жуковську"]
    assert source.first.get_attribute("title") == (
        "name: Фастів → Fastiv (romanised; not in the glossary)"
    )
    assert page.locator("#segment-0 .current mark.name").inner_text() == "Fastiv"
    lost = page.locator("#segment-0 td.source mark.name.missing")
    assert lost.inner_text() == "Ярославу Жуковську"
    marked = source.first.evaluate(
        "m => [getComputedStyle(m).textDecorationStyle, getComputedStyle(m).borderBottomStyle]"
    )
    assert marked == ["dotted", "double"]  # told from a glossary term without colour
    audit(page)

    english = page.get_by_label("English form of Ярослава Жуковська")
    english.fill("Iaroslava Zhukovska")
    page.get_by_role("button", name="Add Ярослава Жуковська to glossary").click()
    expect(page.locator("#live")).to_have_text(
        "Added Ярослава Жуковська → Iaroslava Zhukovska to ukraine-news. "
        "New translations will use it; this article is not translated again."
    )
    assert page.evaluate("window.stayed") == "here"
    items = page.locator("#segment-0 .names li")
    assert items.nth(1).inner_text() == (
        "Ярослава Жуковська → Iaroslava Zhukovska (in ukraine-news)"
    )
    expect(items.nth(0).get_by_role("button", name="Add Фастів to glossary")).to_be_visible()
    shoot(page, "review-names.png")
    audit(page)
