"""In a real browser: an admin uploads a file, reads the preview, confirms, lands on it."""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.conftest import CHROMIUM
from tests.factories import make_admin

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


DECLARATION = """The Hague Summit Declaration

1. We, the Heads of State and Government of the North Atlantic Alliance, met in The Hague.

2. We commit to invest 5% of GDP annually on core defence requirements and defence-related \
spending by 2035.

3. Allies will provide at least €40 billion of security assistance to Ukraine every year.

4. We agreed to review the trajectory and balance of spending in 2029.

5. We thank the Netherlands for their generous hospitality.
"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def admin_cookie(seeded_transactional_db, client):
    """The session cookie of a logged-in admin, made before the browser starts: once
    Playwright runs, the test's code runs in another context, whose database connection
    would outlive the test."""
    client.force_login(make_admin())
    return client.cookies[settings.SESSION_COOKIE_NAME]


@pytest.fixture
def browser(admin_cookie, chromium):
    return chromium


def test_an_admin_uploads_previews_confirms_and_lands_on_the_document(
    admin_cookie, live_server, browser, shots, tmp_path
):
    cookie = admin_cookie
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    path = tmp_path / "the-hague-declaration.txt"
    path.write_text(DECLARATION, encoding="utf-8")

    page.goto(f"{live_server.url}/import/?summit=the-hague-2025")
    page.get_by_label("Title").fill("The Hague Summit Declaration")
    page.get_by_label("Kind of document").select_option("declaration")
    page.get_by_label("Publication date").fill("2025-06-25")
    page.get_by_label("Published by").fill("NATO")
    page.get_by_label("File").set_input_files(str(path))
    page.screenshot(path=shots / "upload.png")
    page.get_by_role("button", name="Preview the import").click()

    page.wait_for_selector("h1:has-text('Preview of the import')")
    facts = page.locator("dl.facts").first.inner_text()
    assert "5" in page.locator("strong.count").inner_text()
    assert "English" in facts and "utf-8" in facts
    assert page.locator("table.candidates tbody tr").count() == 3
    assert "at least 40,000,000,000 euros" in page.locator("table.candidates").inner_text()
    page.screenshot(path=shots / "preview.png")
    page.get_by_role("button", name="Confirm the import").click()

    page.wait_for_url(f"{live_server.url}/documents/the-hague-2025-declaration/")
    assert page.locator("h1").inner_text() == "The Hague Summit Declaration"
    assert "Loaded “The Hague Summit Declaration”: 5 paragraphs, 3 commitment" in (
        page.locator(".messages .success").inner_text()
    )
    assert page.locator("section.para").count() == 5
    context.close()


def open_upload(browser, live_server, cookie, summit):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    page = context.new_page()
    page.goto(f"{live_server.url}/import/?summit={summit}")
    return context, page


def test_the_preview_of_a_printed_pdf(admin_cookie, live_server, browser, shots, tmp_path):
    from tests import communiques

    lines = [line for line in DECLARATION.split("\n") if line.strip()]
    printed = communiques.chromium_pdf(communiques.news_site_html("\n\n".join(lines)))
    path = tmp_path / "the-hague-declaration.pdf"
    path.write_bytes(printed)
    context, page = open_upload(browser, live_server, admin_cookie, "the-hague-2025")
    page.get_by_label("Kind of document").select_option("declaration")
    page.get_by_label("Publication date").fill("2025-06-25")
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_selector("h1:has-text('Preview of the import')")
    facts = page.locator("dl.facts").first.inner_text()
    assert "PDF" in facts and "The Hague Summit Declaration" in facts
    assert "5 numbered (1–5)" in facts
    notes = page.locator("ul.warnings").inner_text()
    assert "running header, footer or page number line(s) were left out" in notes
    page.locator("details.removed summary").first.click()
    page.set_viewport_size({"width": 1280, "height": 1300})
    page.screenshot(path=shots / "preview-pdf.png")
    context.close()


def test_the_preview_of_a_new_version(admin_cookie, live_server, browser, shots, tmp_path):
    from tests import communiques

    text = communiques.vilnius_text().replace("développement connexes", "développement associés")
    path = tmp_path / "vilnius-corrected.txt"
    path.write_text(text, encoding="utf-8")
    context, page = open_upload(browser, live_server, admin_cookie, "vilnius-2023")
    page.get_by_label("Publication date").fill("2023-07-12")
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_role("button", name="Preview the import").click()
    page.wait_for_selector("h1:has-text('Preview of the import')")
    notice = page.locator(".notice.info").first.inner_text()
    assert "This looks like a new version of" in notice
    assert "95 of its 96 paragraphs are the same, 1 changed" in notice
    assert page.locator("table.differences del").inner_text().strip() == "connexes"
    page.screenshot(path=shots / "preview-new-version.png", full_page=False)
    context.close()
