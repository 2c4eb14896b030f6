"""In a real browser: an admin loads NATO's release, reads the preview of a second
edition with its revised figures, confirms; at 1280 px and 390 px, in English and French."""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from tests import release_files
from tests.conftest import CHROMIUM
from tests.factories import make_admin

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def admin_cookie(seeded_transactional_db, client, settings):
    settings.TODAY = "2026-12-01"
    client.force_login(make_admin())
    return client.cookies[settings.SESSION_COOKIE_NAME]


def load_through_the_page(page, url, path, edition):
    page.goto(f"{url}/import/figures/")
    page.get_by_label("File").set_input_files(str(path))
    page.get_by_label("Edition").fill(edition)
    page.get_by_role("button", name="Preview").click()
    page.wait_for_selector("h1:has-text('Preview of edition')")


def test_an_admin_previews_the_revisions_of_a_second_edition_and_confirms(
    admin_cookie, live_server, chromium, shots, tmp_path
):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [{"name": admin_cookie.key, "value": admin_cookie.value, "url": live_server.url}]
    )
    page = context.new_page()
    first = tmp_path / "nato-defence-expenditure-2025-06.xlsx"
    first.write_bytes(release_files.workbook())
    load_through_the_page(page, live_server.url, first, "2025-06")
    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_url(f"{live_server.url}/allies/")
    assert "Loaded edition 2025-06: 837 figures" in page.locator(".messages").inner_text()

    second = tmp_path / "nato-defence-expenditure-2025-08.xlsx"
    revised = {("POL", 2024): Decimal("4.20"), ("BEL", 2023): Decimal("1.19"),
               ("FRA", 2024): Decimal("2.10")}  # fmt: skip
    second.write_bytes(release_files.workbook(gdp=revised))
    load_through_the_page(page, live_server.url, second, "2025-08")
    assert "3 revised" in page.locator("dl.facts").inner_text()
    assert page.locator("td.status-revised").count() == 3
    page.set_viewport_size({"width": 1280, "height": 1250})
    page.screenshot(path=shots / "release-preview.png")
    page.set_viewport_size({"width": 390, "height": 844})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_url(f"{live_server.url}/allies/")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/figures/defence-expenditure-gdp/pol/2024/")
    text = page.locator("main").inner_text()
    assert "4.12% → 4.20%" in text and "nato-defence-expenditure-2025-08.xlsx" in text
    page.screenshot(path=shots / "figure-history.png", full_page=True)
    context.close()


def test_the_upload_page_in_french(admin_cookie, live_server, chromium, shots):
    context = chromium.new_context(viewport={"width": 390, "height": 844}, locale="fr-FR")
    context.add_cookies(
        [{"name": admin_cookie.key, "value": admin_cookie.value, "url": live_server.url}]
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/import/figures/")
    assert "Charger les chiffres annuels de l’OTAN" in page.locator("h1").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
