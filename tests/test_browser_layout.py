"""Every main page at 390 px and 1280 px, in English and French, in headless Chromium: no
page is wider than a phone's screen, the header's menu and the browser's filters open
without JavaScript. `make screenshots` keeps the pictures in docs/screens/."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.conftest import CHROMIUM, new_page
from tests.factories import make_admin
from tests.test_import_browser import DECLARATION

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

# The pages an analyst reads, by the name of their screenshot.
MAIN_PAGES = {
    "home": "/",
    "summits": "/summits/",
    "summit": "/summits/vilnius-2023/",
    "reader": "/documents/vilnius-2023-communique/",
    "paragraph": "/documents/vilnius-2023-communique/p34-6/",
    "browser": "/commitments/",
    "commitment": "/commitments/vilnius-2023-defence-spending-2-pct-gdp/",
    "allies": "/allies/",
    "ally": "/allies/pol/",
    "map": "/allies/map/",
    "search": "/search/?q=engageons",
    "methodology": "/methodology/",
}


@pytest.fixture
def admin_session(server, client):
    """An admin's session cookie, made before the browser starts."""
    client.force_login(make_admin())
    return client.cookies[settings.SESSION_COOKIE_NAME]


def document_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def import_preview(page, base, tmp_path):
    """The upload form filled in and sent: the preview of an import."""
    path = tmp_path / "declaration.txt"
    path.write_text(DECLARATION, encoding="utf-8")
    page.goto(f"{base}/import/?summit=the-hague-2025")
    page.locator("#id_kind").select_option("declaration")
    page.locator("#id_published_on").fill("2025-06-25")
    page.locator("#id_file").set_input_files(str(path))
    page.locator("form.import button[type=submit]").first.click()
    page.wait_for_selector("table.candidates")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_main_page_fits_a_phone_and_a_desktop(
    server, admin_session, chromium, shots, tmp_path, language
):
    folder = shots / "screens"
    folder.mkdir(exist_ok=True)
    too_wide = {}
    for viewport in (PHONE, DESKTOP):
        width = viewport["width"]
        page = new_page(chromium, server.url, language=language, viewport=viewport)
        for name, url in MAIN_PAGES.items():
            page.goto(server.url + url)
            assert page.locator("html").get_attribute("lang") == language
            if document_width(page) > width:
                too_wide[f"{name} at {width}"] = document_width(page)
            page.screenshot(path=folder / f"{name}-{language}-{width}.png")
        admin = new_page(
            chromium, server.url, language=language, viewport=viewport, session=admin_session
        )
        admin.goto(server.url + "/import/")
        if document_width(admin) > width:
            too_wide[f"upload at {width}"] = document_width(admin)
        admin.screenshot(path=folder / f"upload-{language}-{width}.png")
        import_preview(admin, server.url, tmp_path)
        if document_width(admin) > width:
            too_wide[f"preview at {width}"] = document_width(admin)
        admin.screenshot(path=folder / f"preview-{language}-{width}.png")
    assert not too_wide, too_wide


def test_the_menu_and_the_filters_open_on_a_phone_without_javascript(server, chromium):
    page = new_page(chromium, server.url, language="en", viewport=PHONE, javascript=False)
    page.goto(server.url + "/")
    allies = page.get_by_role("link", name="Allies", exact=True)
    expect(allies).to_be_hidden()
    page.locator("label.menu-button").click()
    expect(allies).to_be_visible()
    assert document_width(page) <= PHONE["width"]
    page.get_by_role("link", name="Commitments", exact=True).click()
    expect(page.locator("#id_summit")).to_be_hidden()
    page.locator("label.filters-button").click()
    expect(page.locator("#id_summit")).to_be_visible()
    page.locator("#id_summit").select_option("madrid-2022")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator("label.filters-button")).to_have_text("Filters (1)")
    assert "summit=madrid-2022" in page.url
    # On a desktop, the menu and the filters are simply there.
    wide = new_page(chromium, server.url, language="en", viewport=DESKTOP, javascript=False)
    wide.goto(server.url + "/commitments/")
    expect(wide.get_by_role("link", name="Allies", exact=True)).to_be_visible()
    expect(wide.locator("#id_summit")).to_be_visible()
    expect(wide.locator("label.menu-button")).to_be_hidden()
