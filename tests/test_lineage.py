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


def reference_family(commitment, parent_of):
    """The family as read from every link in Python (how it was read before the
    database walked the links): climb while the parent is linked, then descend."""
    parent_of = dict(parent_of)
    parent_of.setdefault(commitment.pk, commitment.parent_id)
    children = {}
    for pk, parent_id in sorted(parent_of.items()):
        if parent_id in parent_of:
            children.setdefault(parent_id, []).append(pk)
    root, seen = commitment.pk, {commitment.pk}
    while parent_of[root] in parent_of and parent_of[root] not in seen:
        root = parent_of[root]
        seen.add(root)
    family, queue = set(), [root]
    while queue:
        pk = queue.pop()
        if pk not in family:
            family.add(pk)
            queue.extend(children.get(pk, []))
    return family


def reference_root(pk, parent_of):
    seen, parent = {pk}, parent_of.get(pk)
    while parent is not None and parent not in seen:
        pk = parent
        seen.add(pk)
        parent = parent_of.get(pk)
    return pk


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_families_and_roots_read_in_the_database_are_those_of_every_link(seed):
    """Random lines over the seed commitments, some members rejected: each one's family
    (lineage_of) and root (the averages) are the same as from all the links at once."""
    import random

    from commitments.lineage import ancestor_links, family_of, linked_commitments
    from commitments.models import Commitment

    rng = random.Random(seed)
    pks = sorted(Commitment.objects.values_list("pk", flat=True))
    Commitment.objects.update(parent=None, relation="")
    for index, pk in enumerate(pks[1:], 1):
        if rng.random() < 0.7:
            parent = rng.choice(pks[:index])
            Commitment.objects.filter(pk=pk).update(parent=parent, relation="reaffirms")
    rejected = rng.sample(pks, len(pks) // 5)
    Commitment.objects.filter(pk__in=rejected).update(review=Commitment.Review.REJECTED)
    links = dict(linked_commitments().values_list("pk", "parent_id"))
    assert len(links) > len(pks) // 3
    for commitment in Commitment.objects.all():
        assert set(family_of(commitment)) == reference_family(commitment, links), commitment.pk
    shown = list(Commitment.objects.shown().values_list("pk", flat=True))
    climbed = ancestor_links(shown)
    for pk in shown:
        assert reference_root(pk, climbed) == reference_root(pk, links), pk
