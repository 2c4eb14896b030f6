"""The analyst's pages in a real headless Chromium; `make screenshots` saves them in docs/."""

import os

import pytest

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytest.importorskip("playwright.sync_api")


TWO_PCT_HEADLINE = "23 of the 31 allies with a figure at 2% or more in 2024, 1 without"


@pytest.fixture
def page(chromium):
    return chromium.new_page(viewport={"width": 1280, "height": 900})


@pytest.mark.browser
def test_an_analyst_filters_reads_a_commitment_and_its_ally(
    live_server, seeded_transactional_db, page, shots
):
    page.goto(live_server.url + "/")
    assert page.get_by_text(TWO_PCT_HEADLINE).is_visible()
    page.screenshot(path=shots / "home.png", full_page=True)

    page.get_by_role("link", name="Commitments", exact=True).click()
    page.fill("#id_year_from", "2023")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    assert "year_from=2023" in page.url
    assert page.locator("table tbody tr").count() >= 4
    assert page.locator(".chips li", has_text="From year: 2023").is_visible()
    page.screenshot(path=shots / "browser.png", full_page=True)
    page.select_option("#id_category", "defence_spending")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter").click()
    assert "category=defence_spending" in page.url and "year_from=2023" in page.url
    assert page.locator(".chips li", has_text="Category: Defence spending").is_visible()

    page.get_by_role("link", name="Invest at least 2 % of GDP in defence every year").click()
    chart = page.locator("svg.chart").first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box["width"] > 400 and box["height"] > 400
    assert page.locator("svg.chart rect.hbar.meets").count() == 23
    page.set_viewport_size({"width": 1280, "height": 1900})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=shots / "commitment-chart.png")

    page.goto(live_server.url + "/allies/swe/")
    assert page.get_by_text("Member of NATO since 7 March 2024.").is_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=shots / "ally.png", full_page=True)


@pytest.mark.browser
def test_search_highlights_accent_free_matches(live_server, seeded_transactional_db, page):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Search").click()
    page.fill("#q", "securite")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=securite" in page.url
    marks = page.locator("ol.results mark")
    assert marks.count() > 0
    assert marks.first.inner_text().lower() == "sécurité"
