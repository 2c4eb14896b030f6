"""In headless Chromium: axe-core finds no serious or critical barrier on the reader's
pages in either language, and an editor annotates a paragraph with the keyboard alone."""

import os
from pathlib import Path
from pprint import pformat

import pytest
from django.conf import settings
from playwright.sync_api import expect

from reader.models import Annotation
from summits.models import Paragraph
from tests.conftest import CHROMIUM, new_page
from tests.factories import make_user

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

VILNIUS = "/documents/vilnius-2023-communique/"
PUBLIC_PAGES = [
    "/",
    VILNIUS,
    VILNIUS + "?only=commitments",
    VILNIUS + "?p=999",
    VILNIUS + "p34-6/",
    "/commitments/vilnius-2023-defence-spending-2-pct-gdp/",
    "/commitments/",
    "/summits/vilnius-2023/",
    "/summits/vilnius-2023/?category=cyber",
    "/allies/",
    "/allies/map/",
    "/allies/map/?colour=value",
    "/allies/pol/",
    "/search/?q=engageons",
    "/accounts/login/",
]

PHONE_PAGES = ["/", "/commitments/", "/summits/vilnius-2023/", VILNIUS]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def editor(server, client):
    """An editor's session cookie and the paragraph to annotate, made before the browser
    starts (once Playwright runs, the ORM would open a connection in another context)."""
    client.force_login(make_user("Editors", username="edith"))
    paragraph = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")
    return client.cookies[settings.SESSION_COOKIE_NAME], paragraph


@pytest.fixture
def browser(chromium):
    return chromium


def serious_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_page_has_a_serious_accessibility_violation(server, editor, browser, language):
    session, paragraph = editor
    base = server.url
    found = {}
    reader = new_page(browser, base, language=language)
    for url in PUBLIC_PAGES:
        reader.goto(base + url)
        assert reader.locator("html").get_attribute("lang") == language
        found[url] = serious_violations(reader)
    signed_in = new_page(browser, base, language=language, session=session)
    for url in [VILNIUS, f"/paragraphs/{paragraph.pk}/annotations/new/"]:
        signed_in.goto(base + url)
        found[f"{url} (editor)"] = serious_violations(signed_in)
    # On a phone, with the menu and the browser's filters open.
    phone = new_page(browser, base, language=language, viewport={"width": 390, "height": 844})
    for url in PHONE_PAGES:
        phone.goto(base + url)
        phone.locator("label.menu-button").click()
        if phone.locator("label.filters-button").count():
            phone.locator("label.filters-button").click()
        found[f"{url} (390 px)"] = serious_violations(phone)
    problems = {url: problems for url, problems in found.items() if problems}
    assert not problems, pformat(problems)


def tab_to(page, locator, *, limit=60):
    """Press Tab until the focus is on `locator`, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    pytest.fail(f"Tab never reached {locator}")


def test_an_editor_adds_a_note_with_the_keyboard_alone(server, editor, browser):
    session, paragraph = editor
    page = new_page(browser, server.url, language="en", session=session)
    page.goto(f"{server.url}{VILNIUS}#p27")
    page.locator("#p27 a.num").focus()  # where the permalink lands a reader
    tab_to(page, page.get_by_role("link", name="Add a note").and_(page.locator("#p27 a")))
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Add a note")
    tab_to(page, page.get_by_label("Words annotated"))
    page.keyboard.type("Traité de Washington")
    tab_to(page, page.get_by_label("Note:", exact=True))
    page.keyboard.type("Noté au clavier.")
    tab_to(page, page.get_by_role("button", name="Save the note"))
    page.keyboard.press("Enter")
    expect(page.locator("#p27 mark.note")).to_have_text("Traité de Washington")
    note = Annotation.objects.get()
    assert (note.quote, note.body, note.author.username) == (
        "Traité de Washington",
        "Noté au clavier.",
        "edith",
    )
    assert note.paragraph_id == paragraph.pk


def test_the_home_page_in_french_and_in_english(server, browser, shots):
    """Screenshots of the same page in both languages (docs/ with `make screenshots`)."""
    for language, heading in [
        ("fr", "Ce à quoi les alliés se sont engagés, et s’ils tiennent parole"),
        ("en", "What the allies committed to, and whether they keep it"),
    ]:
        page = new_page(browser, server.url, language=language)
        page.goto(server.url + "/")
        expect(page.locator("h1")).to_have_text(heading)
        page.screenshot(path=shots / f"home-{language}.png")
