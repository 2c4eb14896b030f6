"""The reader's tools: go to ¶, the views of a text (commitments, notes, defects only)
that work from the address alone, the contents, the legend; a list item's page with its
lead-in; the "[…]" of a cut paragraph on its own page; no technical words."""

import re

import pytest

from reader.views import jump_anchor
from summits.models import Paragraph
from tests.factories import make_user

VILNIUS = "/documents/vilnius-2023-communique/"


@pytest.mark.parametrize(
    ("typed", "anchor"),
    [
        ("34", "p34"),
        (" ¶34 ", "p34"),
        ("¶ 34", "p34"),
        ("34 •6", "p34-6"),
        ("34.6", "p34-6"),
        ("34-6", "p34-6"),
        ("34/6", "p34-6"),
        ("34 6", "p34-6"),
        ("§4", "s4"),
        ("§ 4", "s4"),
        ("", None),
        ("thirty", None),
        ("34..6", None),
        ("<script>", None),
    ],
)
def test_what_is_typed_in_the_jump_box_becomes_an_anchor(typed, anchor):
    assert jump_anchor(typed) == anchor


def paragraph_ids(html):
    return re.findall(r'<section class="para[^"]*" id="([^"]+)"', html)


@pytest.mark.django_db
def test_the_jump_box_leads_to_the_paragraph_in_the_text(client):
    response = client.get(VILNIUS, {"p": "34.6", "only": "commitments"})
    assert response.status_code == 302
    assert response["Location"] == f"{VILNIUS}?only=commitments#p34-6"
    assert client.get(VILNIUS, {"p": "27"})["Location"] == f"{VILNIUS}#p27"


@pytest.mark.django_db
def test_a_paragraph_not_in_the_text_is_said_so(client, django_assert_num_queries):
    with django_assert_num_queries(5):  # the document, is ¶999 there, then the reader's 3
        response = client.get(VILNIUS, {"p": "999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "No paragraph “999” in this text" in html
    assert 'aria-invalid="true"' in html
    garbage = client.get(VILNIUS, {"p": "<b>x</b>"}).content.decode()
    assert "No paragraph “&lt;b&gt;x&lt;/b&gt;” in this text" in garbage


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("only", "keeps"),
    [
        ("commitments", lambda p: p.commitments.exclude(review="rejected").exists()),
        ("defects", lambda p: bool(p.defects)),
    ],
)
def test_each_view_shows_only_its_paragraphs(client, django_assert_num_queries, only, keeps):
    with django_assert_num_queries(4):  # the document, paragraphs, commitments, notes
        html = client.get(VILNIUS, {"only": only}).content.decode()
    paragraphs = Paragraph.objects.filter(document__slug="vilnius-2023-communique")
    expected = [p.anchor for p in paragraphs.order_by("position") if keeps(p)]
    assert paragraph_ids(html) == expected
    assert 0 < len(expected) < paragraphs.count()
    assert f'<a href="?only={only}" aria-current="true">{len(expected)} with' in html
    # The contents still list every paragraph, each leading to the whole text.
    assert html.count(f'<a href="{VILNIUS}#p') == paragraphs.count()


@pytest.mark.django_db
def test_the_notes_view_shows_the_annotated_paragraphs(client):
    from reader import services

    paragraph = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")
    services.create_annotation(
        paragraph=paragraph,
        author=make_user("Editors"),
        start=0,
        end=10,
        body="Lu.",
        tags=[],
        commitment=None,
    )
    html = client.get(VILNIUS, {"only": "notes"}).content.decode()
    assert paragraph_ids(html) == ["p27"]
    # An unknown view is the whole text.
    assert len(paragraph_ids(client.get(VILNIUS, {"only": "x"}).content.decode())) == 96


@pytest.mark.django_db
def test_the_reader_has_a_legend_contents_and_no_technical_words(client):
    html = client.get(VILNIUS).content.decode()
    assert 'class="marks"' in html
    assert '<mark class="commitment">highlighted</mark>' in html
    contents = re.search(r'<details class="toc">.*?</details>', html, re.S).group(0)
    assert contents.count('<li><a href="#p') == 90
    assert contents.count('<li class="item"><a href="#p') == 6
    main = html[html.index("<main") :]
    assert "Encoding" not in main and "utf-8" not in main


@pytest.mark.django_db
def test_a_list_items_page_shows_its_lead_in(client):
    item = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="34 •6")
    html = client.get(f"{VILNIUS}p34-6/").content.decode()
    assert "The list's lead-in" in html
    assert f'href="{VILNIUS}p34/"' in html
    lead = re.search(r'<blockquote class="quote lead-in"[^>]*>(.*?)</blockquote>', html, re.S)
    assert item.parent.text[:60].replace("'", "&#x27;") in lead.group(1)
    assert 'class="quote item-quote"' in html


@pytest.mark.django_db
def test_a_cut_paragraphs_own_page_has_the_cut_marker(client):
    cut = [
        p
        for p in Paragraph.objects.filter(document__slug="vilnius-2023-communique")
        if "cut" in p.defect_kinds
    ]
    assert cut
    for paragraph in cut:
        html = client.get(f"{VILNIUS}{paragraph.anchor}/").content.decode()
        quote = re.findall(r'<blockquote class="quote[^"]*"[^>]*>(.*?)</blockquote>', html, re.S)
        assert '<span class="cut-marker"' in quote[-1], paragraph.label
    whole = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")
    assert "cut-marker" not in client.get(f"{VILNIUS}{whole.anchor}/").content.decode()
