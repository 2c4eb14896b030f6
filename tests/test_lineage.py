import pytest

from commitments.lineage import lineage_of
from commitments.models import Commitment
from summits.wording import Piece, diff_counts, tokens, word_diff

pytestmark = pytest.mark.django_db

WALES = "wales-2014-defence-investment-pledge"
SPENDING = "vilnius-2023-defence-spending-2-pct-gdp"
EQUIPMENT = "vilnius-2023-major-equipment-20-pct"
CAP = "vilnius-2023-cap-multi-year-programme"
BASELINE = "washington-2024-ukraine-40-billion-baseline"


def get(slug):
    return Commitment.objects.for_list().get(slug=slug)


@pytest.mark.parametrize(
    ("before", "after", "pieces"),
    [
        ("au moins 2 %", "au moins 2 %", [Piece("equal", "au moins 2 %")]),
        (
            "tendre vers 2 % du PIB",
            "investir au moins 2 % du PIB",
            [
                Piece("delete", "tendre vers"),
                Piece("insert", "investir au moins"),
                Piece("equal", " 2 % du PIB"),
            ],
        ),
        ("20 %", "20 % et plus", [Piece("equal", "20 %"), Piece("insert", " et plus")]),
        ("a b c", "a c", [Piece("equal", "a"), Piece("delete", " b"), Piece("equal", " c")]),
        ("", "nouveau", [Piece("insert", "nouveau")]),
    ],
)
def test_word_diff_marks_insertions_and_deletions(before, after, pieces):
    result = word_diff(before, after)
    assert result == pieces
    assert "".join(p.text for p in result if p.op != "insert") == before
    assert "".join(p.text for p in result if p.op != "delete") == after


def test_tokens_rebuild_the_text_and_counts_are_in_words():
    text = "Nous nous engageons, durablement : 2 %."
    assert "".join(tokens(text)) == text
    assert diff_counts(word_diff("un deux trois", "un quatre trois")) == {
        "equal": 2,
        "delete": 1,
        "insert": 1,
    }


def test_the_spending_line_runs_from_wales_to_vilnius_then_the_later_summits(
    django_assert_max_num_queries,
):
    spending = get(SPENDING)
    # The links, the family, the later summits: three queries whatever the size.
    with django_assert_max_num_queries(3):
        lineage = lineage_of(spending)
    assert lineage.root.slug == WALES
    assert [step.summit.slug for step in lineage.steps] == ["wales-2014", "vilnius-2023"]
    vilnius = {c.slug for c in lineage.steps[1].commitments}
    assert {SPENDING, EQUIPMENT} <= vilnius
    assert [s.slug for s in lineage.later][-1] == "the-hague-2025"
    assert lineage.later[-1].document_count == 0
    assert all(s.document_count for s in lineage.later[:-1])


def test_the_whole_line_is_the_same_from_any_of_its_commitments():
    from_wales = [c.slug for c in lineage_of(get(WALES)).members]
    from_equipment = [c.slug for c in lineage_of(get(EQUIPMENT)).members]
    assert from_wales == from_equipment
    assert from_wales[0] == WALES


def test_the_ukraine_line_ends_with_the_hague_as_the_next_meeting():
    lineage = lineage_of(get(BASELINE))
    # The 40 billion euros follow up the Vilnius support pledge, not the CAP.
    assert lineage.root.slug == "vilnius-2023-ukraine-support-as-long-as-it-takes"
    assert CAP not in [c.slug for c in lineage.members]
    assert [step.summit.slug for step in lineage.steps] == [
        "vilnius-2023",
        "brussels-foreign-ministers-2023",
        "washington-2024",
    ]
    assert [s.slug for s in lineage.later] == ["the-hague-2025"]


def test_a_commitment_without_lineage_is_alone():
    lonely = Commitment.objects.filter(parent__isnull=True, successors__isnull=True).first()
    lineage = lineage_of(lonely)
    assert [c.pk for c in lineage.members] == [lonely.pk]


def test_the_commitment_page_shows_the_line_and_the_next_meeting(
    client, django_assert_max_num_queries, today
):
    today("2025-01-01")
    with django_assert_max_num_queries(10):
        html = client.get(get(SPENDING).get_absolute_url()).content.decode()
    assert "Wales Summit 2014" in html
    assert "raises Wales Summit 2014" in html
    assert "The Hague Summit 2025" in html
    assert "its commitments arrive when its text is loaded" in html
    assert f"/commitments/compare/?a={WALES}&amp;b={SPENDING}" in html
    # Once held, The Hague is no longer "next".
    today("2026-12-01")
    html = client.get(get(SPENDING).get_absolute_url()).content.decode()
    assert "its commitments arrive when its text is loaded" not in html
    assert "its text is not loaded yet, so nothing of this line is followed from it" in html


def test_compare_shows_a_word_level_diff_of_two_linked_commitments(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get(
            "/commitments/compare/", {"a": CAP, "b": "vilnius-2023-cap-sustained-funding"}
        )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<del>" in html and "<ins>" in html
    pieces = response.context["pieces"]
    assert "".join(p.text for p in pieces if p.op != "delete") == (
        get("vilnius-2023-cap-sustained-funding").quote
    )
    paragraphs = client.get(
        "/commitments/compare/", {"a": WALES, "b": SPENDING, "scope": "paragraph"}
    )
    assert paragraphs.context["scope"] == "paragraph"
    assert "".join(p.text for p in paragraphs.context["pieces"] if p.op != "insert") == (
        get(WALES).paragraph.text
    )


def test_compare_takes_any_two_commitments_and_never_one_with_itself(client):
    unlinked = client.get("/commitments/compare/", {"a": CAP, "b": SPENDING})
    assert unlinked.status_code == 200 and "<del>" in unlinked.content.decode()
    assert "These two are not linked" in unlinked.content.decode()
    assert client.get("/commitments/compare/", {"a": CAP, "b": "nothing"}).status_code == 404
    # Without a second one, or the same one twice, the page asks for two.
    for query in ({}, {"a": CAP}, {"a": CAP, "b": CAP}):
        page = client.get("/commitments/compare/", query)
        assert page.status_code == 200 and page.context["second"] is None
        assert "Choose two different commitments" in page.content.decode()
