"""End to end in headless Chromium: an editor adds a commitment the extractor missed by
selecting its words in the reader, and the curation page shows why each candidate was
proposed, most confident first.

Screenshots go to a temporary directory, or to $SCREENSHOT_DIR (`make screenshots`
writes the ones in docs/).
"""

import os
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from commitments.models import Commitment
from summits.models import Document, Paragraph
from tests.factories import make_user
from tests.test_browser import (  # noqa: F401
    PASSWORD,
    SELECT_WORDS,
    live_server_any_port,
    signed_in_page,
)

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
pytestmark = pytest.mark.browser

VILNIUS = "vilnius-2023-communique"
# A declaration written for this test, in English, so that the curation page shows
# fresh candidates of a text the extractor has never seen.
DECLARATION = "\n\n".join(
    [
        "The Hague Test Declaration",
        (
            "1. We, the Heads of State and Government of the North Atlantic Alliance, met in "
            "The Hague to chart the course of our Alliance for the decade ahead."
        ),
        (
            "2. Allies commit to investing 5% of GDP annually on core defence requirements "
            "and on defence- and security-related spending by 2035. The trajectory and "
            "balance of spending will be reviewed in 2029."
        ),
        (
            "3. Allies whose defence spending is currently below the agreed level will submit"
            " annual plans showing a credible, incremental path to reach it."
        ),
        (
            "4. We condemn Russia's continued war of aggression against Ukraine. Allies will "
            "continue to provide sustained security assistance to Ukraine."
        ),
        (
            "5. Allies took stock of the Defence Production Action Plan. They will accelerate"
            " the joint procurement of air defence systems and munitions."
        ),
        "6. We have decided to:",
        "• expand the NATO Innovation Fund;",
        "• establish a network of test centres for emerging technologies.",
        "7. We will meet again in Türkiye in 2026.",
    ]
)


def test_an_editor_adds_a_missed_commitment_from_the_reader(
    live_server_any_port,  # noqa: F811
    chromium,
    shots,
):
    base = live_server_any_port.url
    make_user("Editors", username="edith", password=PASSWORD)
    paragraph = Paragraph.objects.get(document__slug=VILNIUS, label="3")
    words = paragraph.text.split(".")[0] + "."
    page = signed_in_page(chromium, base, "edith")
    page.goto(f"{base}/documents/{VILNIUS}/#p3")
    assert page.evaluate(SELECT_WORDS, ["#p3 .ptext", words])
    missed = page.locator(".annotate-button", has_text="Commitment missed")
    expect(missed).to_be_visible()
    missed.click()
    form = page.locator("#p3 .note-slot form")
    expect(form.locator("textarea[name=quote]")).to_have_value(words)
    form.locator("input[name=title]").fill("A commitment the extractor missed")
    page.locator("#p3").scroll_into_view_if_needed()
    page.screenshot(path=shots / "reader-missed-commitment.png")
    form.locator("button[type=submit]").click()
    expect(page.locator("#p3 mark.commitment").first).to_be_visible()
    commitment = Commitment.objects.get(title="A commitment the extractor missed")
    assert (commitment.quote, commitment.origin) == (words, Commitment.Origin.EDITOR)
    assert paragraph.text[commitment.quote_start : commitment.quote_end] == words


@pytest.mark.parametrize(("language", "name"), [("en", ""), ("fr", "-fr")])
def test_the_curation_page_shows_the_reasons_most_confident_first(
    live_server_any_port,  # noqa: F811
    chromium,
    shots,
    language,
    name,
    tmp_path,
):
    base = live_server_any_port.url
    make_user("Editors", username="edith", password=PASSWORD)
    page = signed_in_page(chromium, base, "edith", extra_http_headers={"Accept-Language": language})
    path = tmp_path / "declaration.txt"
    path.write_text(DECLARATION, encoding="utf-8")
    call_command(
        "import_communique", str(path), "--summit", "the-hague-2025", "--kind", "declaration",
        "--date", "2025-06-25", stdout=StringIO(), stderr=StringIO(),
    )  # fmt: skip
    document = Document.objects.get(title="The Hague Test Declaration")
    page.goto(f"{base}/curate/{document.slug}/")
    first = page.locator("table.curation").first.locator("tbody tr").first
    expect(first.locator("dl.why")).to_be_visible()
    values = (
        page.locator("table.curation")
        .first.locator("meter")
        .evaluate_all("meters => meters.map(m => m.value)")
    )
    assert values == sorted(values, reverse=True) and len(values) >= 6
    page.screenshot(path=shots / f"curation-reasons{name}.png", full_page=True)
    narrow = chromium.new_context(
        viewport={"width": 390, "height": 844}, extra_http_headers={"Accept-Language": language}
    ).new_page()
    narrow.context.add_cookies(page.context.cookies())
    narrow.goto(f"{base}/curate/{document.slug}/")
    narrow.screenshot(path=tmp_path / f"curation-reasons{name}-390.png")  # looked at
