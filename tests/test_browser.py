"""End to end in headless Chromium: annotating Vilnius ¶27, and a stale edit's conflict.

Screenshots go to a temporary directory, or to $SCREENSHOT_DIR (`make screenshots`
writes the ones in docs/).
"""

import os

import pytest
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

from reader.models import Annotation
from tests.factories import make_user

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
QUOTE = "Traité de Washington"

SELECT_WORDS = """([selector, quote]) => {
  const root = document.querySelector(selector);
  const start = root.textContent.indexOf(quote);
  if (start < 0) return false;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let offset = 0, node;
  while ((node = walker.nextNode())) {
    const next = offset + node.data.length;
    if (offset <= start && start < next) range.setStart(node, start - offset);
    if (offset < start + quote.length && start + quote.length <= next) {
      range.setEnd(node, start + quote.length - offset);
      break;
    }
    offset = next;
  }
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  root.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
  return true;
}"""


@pytest.fixture
def live_server_any_port(seeded_transactional_db):
    # Port 0: the system picks a free one, so that suites can run side by side.
    server = LiveServer("127.0.0.1:0")
    yield server
    server.stop()


@pytest.fixture
def browser(chromium):
    return chromium


def signed_in_page(browser, base, username, **context):
    page = browser.new_context(viewport={"width": 1280, "height": 900}, **context).new_page()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form.note-form button[type=submit]")
    page.wait_for_url(f"{base}/")
    return page


def test_an_editor_annotates_vilnius_27_and_a_stale_edit_meets_a_conflict(
    live_server_any_port, browser, shots
):
    base = live_server_any_port.url
    make_user("Editors", username="edith", password=PASSWORD)
    page = signed_in_page(browser, base, "edith")

    page.goto(f"{base}/documents/vilnius-2023-communique/#p27")
    assert page.evaluate(SELECT_WORDS, ["#p27 .ptext", QUOTE])
    page.click(".annotate-button")
    form = page.locator("#p27 .note-slot form")
    expect(form).to_be_visible()
    expect(form.locator("textarea[name=quote]")).to_have_value(QUOTE)
    form.locator("textarea[name=body]").fill(
        "Article 3: chaque allié maintient et accroît sa capacité de défense.\n"
        "Voir https://www.nato.int/cps/fr/natohq/official_texts_17120.htm"
    )
    form.locator("input[value=engagement]").check()
    form.locator("input[name=other_tags]").fill("traité")
    page.locator("#p27").scroll_into_view_if_needed()
    page.screenshot(path=shots / "annotate-form.png")
    form.locator("button[type=submit]").click()
    highlight = page.locator("#p27 mark.note")
    expect(highlight).to_have_text(QUOTE)

    expect(page.locator("#p27 .note-card .pill.tag").first).to_have_text("engagement")

    # Read again, the note is a click away: htmx loads it in place.
    page.reload()
    expect(page.locator("#p27 mark.note")).to_have_text(QUOTE)
    expect(page.locator("#p27 .note-card")).to_have_count(0)
    page.click("#p27 .notes-toggle a")
    expect(page.locator("#p27 .note-card .pill.tag").first).to_have_text("engagement")
    expect(page.locator("#p27 .notes-toggle")).to_have_count(0)
    assert "?notes=all" not in page.url
    page.locator("#p27").scroll_into_view_if_needed()
    page.screenshot(path=shots / "annotate.png")
    note = Annotation.objects.get()
    assert (note.quote, note.author.username) == (QUOTE, "edith")
    assert note.paragraph.text[note.start : note.end] == QUOTE

    # Two sessions open the same note; the first saves, the second's save is stale.
    other = signed_in_page(browser, base, "edith")
    edit_url = f"{base}/annotations/{note.pk}/edit/"
    page.goto(edit_url)
    other.goto(edit_url)
    page.fill("textarea[name=body]", "Version enregistrée en premier.")
    page.click("form.note-form button[type=submit]")
    page.wait_for_url(f"{base}/documents/vilnius-2023-communique/#p27")
    other.fill("textarea[name=body]", "Version enregistrée trop tard.")
    other.click("form.note-form button[type=submit]")
    expect(other.locator("h1")).to_have_text("This note was changed while you were editing it")
    expect(other.locator("table.conflict")).to_contain_text("Version enregistrée trop tard.")
    expect(other.locator("table.conflict")).to_contain_text("Version enregistrée en premier.")
    other.screenshot(path=shots / "conflict.png")
    note.refresh_from_db()
    assert (note.body, note.version) == ("Version enregistrée en premier.", 2)

    page.goto(f"{base}/annotations/{note.pk}/history/")
    expect(page.locator("ol.history > li")).to_have_count(2)
    page.screenshot(path=shots / "history.png")

    page.goto(f"{base}/curate/vilnius-2023-communique/")
    expect(page.locator("h1")).to_have_text("Curate commitments")
    page.screenshot(path=shots / "curation.png")
