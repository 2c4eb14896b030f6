"""The verdict pages in a real headless Chromium, today fixed at 1 December 2026; with
SCREENSHOT_DIR=docs they are saved as the pictures of the README."""

import os

import pytest

from commitments import assessments as cycles
from commitments.models import Assessment
from tests.factories import make_user
from tests.test_assessments import PRIORITIES, decide, open_vilnius

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

pytest.importorskip("playwright.sync_api")


def publish_vilnius():
    editor = make_user("Editors")
    cycle = open_vilnius(editor)
    for assessment in Assessment.objects.filter(cycle=cycle):
        if assessment.is_decided:
            continue
        if assessment.commitment.slug == PRIORITIES[1]:
            decide(assessment, editor, 1, "The Council held its inaugural meeting at Vilnius.")
        elif assessment.ally and assessment.ally.iso3 == "ISL":
            decide(assessment, editor, None, "Iceland has no armed forces and no figure.")
        else:
            decide(assessment, editor, 0, "Measures announced; barriers not yet removed.")
    poland = cycle.assessments.get(commitment__slug=PRIORITIES[0], ally__iso3="POL")
    decide(
        poland, editor, 0, "Held back: the figure is an estimate.",
        override="The June 2024 figure is an estimate that the next edition may revise.",
    )  # fmt: skip
    return cycles.publish_cycle(cycle=cycle, user=editor)


@pytest.mark.browser
def test_the_verdict_pages_read_well_in_a_browser(
    live_server, seeded_transactional_db, chromium, shots, today
):
    today("2026-12-01")
    cycle = publish_vilnius()
    page = chromium.new_page(viewport={"width": 1280, "height": 900})

    page.goto(live_server.url + "/allies/?sort=score")
    assert page.locator("table.league tbody tr").count() == 32
    assert page.locator("svg.sparkline").count() == 31  # Iceland has no figure
    page.screenshot(path=shots / "verdicts-league.png", full_page=True)
    page.get_by_role("link", name="Overdue").click()
    assert "sort=overdue" in page.url

    page.goto(live_server.url + "/commitments/wales-2014-defence-investment-pledge/")
    assert page.locator(".lede .pill.overdue").is_visible()
    assert page.get_by_text("How this target is scored").is_visible()
    page.screenshot(path=shots / "verdicts-overdue.png", full_page=True)

    page.goto(live_server.url + cycle.get_absolute_url())
    assert page.get_by_text("Overall compliance").is_visible()
    assert page.get_by_text("changed from +1 (figures)").is_visible()
    page.screenshot(path=shots / "verdicts-assessment.png")
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")

    page.goto(live_server.url + "/methodology/")
    assert page.get_by_role("heading", name="What counts as a commitment").is_visible()
    page.screenshot(path=shots / "verdicts-methodology.png")

    narrow = chromium.new_page(viewport={"width": 390, "height": 844})
    narrow.set_extra_http_headers({"Accept-Language": "fr"})
    narrow.goto(live_server.url + "/allies/?sort=score")
    assert narrow.get_by_role("heading", name="Les Alliés côte à côte").is_visible()
    # The table scrolls inside the page rather than widening it (the site header is
    # another matter).
    width = narrow.evaluate("document.querySelector('main').scrollWidth")
    assert width <= 390, width
    narrow.screenshot(path=shots / "verdicts-league-fr-390.png", full_page=True)
