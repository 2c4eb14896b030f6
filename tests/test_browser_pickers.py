"""An editor picks a commitment for a note by typing words, in Chromium: the list under
the box fills from the lookup as they type; without JavaScript the form comes back with
that list. Both at 1280 px and 390 px."""

import pytest
from playwright.sync_api import expect

from reader.models import Annotation
from summits.models import Paragraph
from tests.factories import make_user
from tests.test_browser import PASSWORD, live_server_any_port, signed_in_page  # noqa: F401

pytestmark = pytest.mark.browser

TARGET = "vilnius-2023-defence-spending-2-pct-gdp"


def test_an_editor_finds_the_commitment_of_a_note_by_its_words(
    live_server_any_port,  # noqa: F811
    chromium,
    shots,
):
    base = live_server_any_port.url
    make_user("Editors", username="edith", password=PASSWORD)
    paragraph = Paragraph.objects.filter(commitments__slug=TARGET).get()
    quote = paragraph.text.split()[0]
    page = signed_in_page(chromium, base, "edith")
    page.goto(f"{base}/paragraphs/{paragraph.pk}/annotations/new/?quote={quote}&start=0")
    box = page.locator("#id_commitment")
    box.press_sequentially("2 % PIB", delay=30)
    options = page.locator("#id_commitment-options option")
    expect(options.first).to_be_attached()
    assert TARGET in options.evaluate_all("list => list.map(o => o.value)")
    page.screenshot(path=shots / "note-commitment-lookup.png", full_page=True)
    box.fill(TARGET)
    page.fill("#id_body", "Le chiffre de 2 % est repris.")
    page.locator("form.note-form button[type=submit]").click()
    page.wait_for_url(f"{base}{paragraph.get_absolute_url()}*")
    assert Annotation.objects.get(paragraph=paragraph).commitment.slug == TARGET


def test_without_javascript_the_form_comes_back_with_the_commitments_found(
    live_server_any_port,  # noqa: F811
    chromium,
    shots,
):
    base = live_server_any_port.url
    make_user("Editors", username="edith", password=PASSWORD)
    paragraph = Paragraph.objects.filter(commitments__slug=TARGET).get()
    for width, name in ((1280, "wide"), (390, "phone")):
        page = signed_in_page(chromium, base, "edith", java_script_enabled=False)
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{base}/paragraphs/{paragraph.pk}/annotations/new/?quote=Nous&start=0")
        page.fill("#id_commitment", "défense")
        page.fill("#id_body", "Une note.")
        page.locator("form.note-form button[type=submit]").click()
        expect(page.get_by_text("Several commitments match")).to_be_visible()
        count = page.locator(".lookup-found input[type=radio]").count()
        assert 1 < count <= 20
        box = page.locator("#id_commitment").bounding_box()
        assert box["x"] + box["width"] <= width
        page.screenshot(path=shots / f"note-commitment-found-{name}.png", full_page=True)
        choice = page.locator(".lookup-found input[type=radio]").first
        chosen = choice.get_attribute("value")
        choice.check()
        page.locator("form.note-form button[type=submit]").click()
        page.wait_for_url(f"{base}{paragraph.get_absolute_url()}*")
        note = Annotation.objects.get(paragraph=paragraph)
        assert note.commitment.slug == chosen
        note.delete()
        page.context.close()
