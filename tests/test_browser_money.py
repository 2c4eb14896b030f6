"""The series, the three bands and the money pages in a real headless Chromium, at
1280 and 390 px; `make screenshots` saves them in docs/."""

import os
from datetime import date
from decimal import Decimal

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytest.importorskip("playwright.sync_api")

SPENDING = "/commitments/vilnius-2023-defence-spending-2-pct-gdp/"
EQUIPMENT = "/commitments/vilnius-2023-major-equipment-20-pct/"
CAP = "/commitments/vilnius-2023-cap-multi-year-programme/"


def fits(page) -> bool:
    """Nothing wider than the window: the page does not scroll sideways."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.browser
def test_the_series_and_the_bands_at_both_widths(
    live_server, seeded_transactional_db, chromium, shots
):
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + SPENDING)
    trends = page.locator("svg.chart.trend")
    assert trends.count() == 31
    assert page.get_by_role(
        "img", name="Poland: Defence expenditure as a share of GDP, 2023–2024"
    ).is_visible()
    page.locator("#trends").scroll_into_view_if_needed()
    page.screenshot(path=shots / "commitment-2pct.png", full_page=True)
    page.goto(live_server.url + EQUIPMENT)
    assert page.get_by_text(
        "7 of the 9 allies with a figure at 20% or more in 2024, 23 without"
    ).is_visible()
    assert page.locator("svg.chart rect.nofigure").count() == 1
    page.screenshot(path=shots / "commitment-20pct.png", full_page=True)
    phone = chromium.new_page(viewport={"width": 390, "height": 844})
    for url in (SPENDING, EQUIPMENT, "/allies/pol/", CAP):
        phone.goto(live_server.url + url)
        assert fits(phone), url
    phone.goto(live_server.url + SPENDING)
    box = phone.locator("svg.chart.trend").first.bounding_box()
    assert box and box["width"] <= 390 and box["height"] > 50
    phone.evaluate("document.getElementById('trends').scrollIntoView()")
    phone.screenshot(path=shots / "commitment-2pct-390.png", full_page=False)


@pytest.mark.browser
def test_the_cap_page_shows_delivered_against_pledged(
    live_server, seeded_transactional_db, chromium, shots
):
    from commitments.models import Ally, Contribution, Indicator

    # Two example entries, so that the picture shows a delivery beside the pledge the
    # text states; their source says what they are.
    cap = Indicator.objects.get(slug="cap-funding")
    for iso3, day, amount in [
        ("DEU", "2024-02-01", "120000000"),
        ("CAN", "2024-06-01", "60000000"),
    ]:
        Contribution.objects.create(
            indicator=cap,
            ally=Ally.objects.get(iso3=iso3),
            kind="delivered",
            made_on=date.fromisoformat(day),
            amount=Decimal(amount),
            source="Example entry for the documentation, not a real contribution",
        )
    page = chromium.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + CAP)
    money = page.locator("#money")
    assert money.get_by_text("more than 500 million euros").first.is_visible()
    assert money.get_by_text("180 million euros").first.is_visible()
    assert page.locator(".bar.money .money-delivered").is_visible()
    assert page.locator("table.contributors").get_by_role("cell", name="Germany").is_visible()
    page.locator("#progress").scroll_into_view_if_needed()
    page.screenshot(path=shots / "commitment-cap.png", full_page=True)
