"""A new version of a text carries all the editors' work: commitments (whatever their
review, with their status history and lineage), and notes, re-anchored; what cannot be
placed is kept as an orphan, never dropped, and never duplicated by a fresh candidate.

Both ways a text gets a new version are covered: a corrected text loaded by an admin
(the command, and the upload page's preview), and a paragraph corrected in the admin.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from commitments.models import Commitment, StatusChange
from imports.carry import Quoted, locate
from imports.services import correct_paragraph
from reader.models import Annotation
from summits import anchoring
from summits.models import Document, Paragraph
from tests.factories import make_admin, make_annotation, make_commitment, make_paragraph

pytestmark = pytest.mark.django_db

VILNIUS = "vilnius-2023-communique"
PLEDGE = "vilnius-2023-defence-spending-2-pct-gdp"  # ¶27
SUSTAINED = "vilnius-2023-cap-sustained-funding"  # ¶13
REWORDED = (
    "nous nous engageons durablement à investir",
    "nous nous engageons résolument à investir",
)
REMOVED = "Les Alliés continueront de financer la PAC de manière soutenue et prévisible."


def corrected_vilnius() -> tuple[str, str]:
    """The Vilnius text with a word of the 2 % pledge changed, the sentence of one
    commitment taken out, and words added at the head of ¶28 (its quotes shift)."""
    old = Document.objects.get(slug=VILNIUS)
    head = old.paragraphs.get(label="28").text[:60]
    text = old.raw_text
    for before, after in (
        REWORDED,
        (REMOVED, "Ce passage ne figure plus dans le texte corrigé."),
        (head, "Texte corrigé ici. " + head),
    ):
        assert text.count(before) == 1
        text = text.replace(before, after)
    return old.raw_text, text


def vilnius_work():
    commitments = Commitment.objects.filter(paragraph__document__slug=VILNIUS)
    return {
        "commitments": sorted(commitments.values_list("slug", "review", "parent_id")),
        "statuses": sorted(
            StatusChange.objects.filter(commitment__in=commitments).values_list(
                "commitment__slug", "status", "as_of"
            )
        ),
    }


def assert_every_quote_is_in_its_paragraph(document):
    wrong = [
        c.slug
        for c in Commitment.objects.filter(paragraph__document=document).select_related("paragraph")
        if not c.orphan and c.paragraph.text[c.quote_start : c.quote_end] != c.quote
    ]
    assert wrong == []


def test_a_corrected_text_loaded_by_the_command_carries_every_editorial_decision(tmp_path):
    before = vilnius_work()
    p28 = Paragraph.objects.get(document__slug=VILNIUS, label="28")
    note = make_annotation(paragraph=p28, quote=p28.text[40:70])
    _raw, corrected = corrected_vilnius()
    path = tmp_path / "vilnius-corrected.txt"
    path.write_text(corrected, encoding="utf-8")
    out = StringIO()
    call_command(
        "import_communique",
        str(path),
        "--summit",
        "vilnius-2023",
        "--replaces",
        VILNIUS,
        stdout=out,
    )
    report = out.getvalue()
    assert "change wording" in report and "0 commitment candidates" in report

    old = Document.objects.get(slug=VILNIUS)
    new = old.superseded_by
    moved = Commitment.objects.filter(paragraph__document=new)
    stayed = Commitment.objects.filter(paragraph__document=old)
    # Every decision followed but the one whose words are gone, kept as an orphan.
    assert list(stayed.values_list("slug", "orphan", "review")) == [(SUSTAINED, True, "confirmed")]
    assert moved.count() == len(before["commitments"]) - 1
    assert not moved.filter(review=Commitment.Review.CANDIDATE).exists()  # no duplicate
    after = {
        "commitments": sorted(
            Commitment.objects.filter(slug__in=[c[0] for c in before["commitments"]]).values_list(
                "slug", "review", "parent_id"
            )
        ),
        "statuses": sorted(
            StatusChange.objects.filter(
                commitment__slug__in=[c[0] for c in before["commitments"]]
            ).values_list("commitment__slug", "status", "as_of")
        ),
    }
    assert after == before  # reviews, lineage links and status history, all kept
    assert_every_quote_is_in_its_paragraph(new)

    pledge = Commitment.objects.get(slug=PLEDGE)
    assert pledge.paragraph.document == new and pledge.paragraph.label == "27"
    assert REWORDED[1] in pledge.quote and pledge.version == 2
    assert pledge.history.first().history_change_reason == "moved to a new version of the document"
    note.refresh_from_db()
    assert note.paragraph.document == new and note.quote == p28.text[40:70] and not note.orphan
    assert note.start == 40 + len("Texte corrigé ici. ")


def test_the_upload_preview_lists_what_moves_changes_wording_or_is_orphaned(client):
    client.force_login(make_admin())
    old = Document.objects.get(slug=VILNIUS)
    _raw, corrected = corrected_vilnius()
    response = client.post(
        reverse("imports:upload"),
        {
            "summit": old.summit.pk,
            "new_summit_kind": "summit",
            "kind": "communique",
            "published_on": "2023-07-11",
            "replaces": old.pk,
            "text": corrected,
        },
    )
    assert response.status_code == 200
    plan = response.context["preview"].carry
    assert [m.item.slug for m in plan.commitments.orphaned] == [SUSTAINED]
    assert [m.item.slug for m in plan.commitments.reworded] == [PLEDGE]
    html = response.content.decode()
    assert "1 changes wording" in html and "Quotes no longer found" in html
    assert REWORDED[1] in html
    assert Commitment.objects.filter(paragraph__document=old).count() > 100  # nothing written
    confirm = client.post(
        reverse("imports:confirm"), {"payload": response.context["payload"], "confirm": ""}
    )
    assert confirm.status_code == 302
    assert Commitment.objects.get(slug=PLEDGE).paragraph.document.supersedes == old


def test_correcting_a_paragraph_re_anchors_its_commitments_and_their_page_shows_it(client):
    pledge = Commitment.objects.get(slug=PLEDGE)
    paragraph = pledge.paragraph
    text = "Préambule ajouté. " + paragraph.text.replace(*REWORDED)
    plan = correct_paragraph(paragraph=paragraph, text=text)
    assert [m.item.slug for m in plan.commitments.reworded] == [PLEDGE]
    pledge.refresh_from_db()
    assert pledge.quote_start == len("Préambule ajouté. ")
    assert pledge.quote == text[pledge.quote_start : pledge.quote_end]
    assert REWORDED[1] in pledge.quote and not pledge.orphan
    page = client.get(pledge.get_absolute_url())
    assert page.context["before"] == "Préambule ajouté. "
    assert page.context["after"] == text[pledge.quote_end :]
    # The paragraph's old text is kept in its history.
    assert paragraph.history.order_by("history_id").first().text.startswith("Conformément")


def test_a_commitment_whose_words_a_correction_removes_is_kept_as_an_orphan():
    commitment = make_commitment(quote="Nous investirons 2 % du PIB.")
    paragraph = commitment.paragraph
    plan = correct_paragraph(paragraph=paragraph, text="Tout autre chose est dit ici.")
    assert [m.item for m in plan.commitments.orphaned] == [commitment]
    commitment.refresh_from_db()
    assert commitment.orphan and commitment.quote == "Nous investirons 2 % du PIB."
    assert commitment.paragraph == paragraph


def test_two_commitments_of_a_paragraph_may_trade_places_in_a_correction():
    paragraph = make_paragraph(text="Nous agirons. Nous paierons.")
    first = make_commitment(paragraph=paragraph, quote="Nous agirons.")
    second = make_commitment(paragraph=paragraph, quote="Nous paierons.", slug="second")
    correct_paragraph(paragraph=paragraph, text="Nous paierons. Nous agirons.")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.quote_start, second.quote_start) == (15, 0)


def test_the_admin_corrects_a_paragraph_through_the_same_carry(client):
    pledge = Commitment.objects.get(slug=PLEDGE)
    admin = make_admin(is_superuser=True)
    client.force_login(admin)
    paragraph = pledge.paragraph
    url = reverse("admin:summits_paragraph_change", args=[paragraph.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(text="Préambule. " + paragraph.text, defects="[]", _save="Save")
    response = client.post(url, data)
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.quote_start == len("Préambule. ")
    assert pledge.history.first().history_user == admin


TYPO = "Allies will strenghten cyber defence."
FIXED = "Allies will strengthen cyber defence."


@pytest.mark.parametrize(
    ("old", "new", "quote", "expected"),
    [
        # unchanged: the same words, not reworded
        ("A. We act now. B.", "A. We act now. B.", "We act now.", ("We act now.", False)),
        # a word added inside the quote: followed, reworded
        ("We act now. B.", "We act firmly now. B.", "We act now.", ("We act firmly now.", True)),
        # a typo fixed inside the quote
        (TYPO, FIXED, TYPO, (FIXED, True)),
        # the sentence rewritten: gone
        ("We agreed to meet in 2031.", "We decided to hold a summit in 2031.", "agreed to", None),
        # the quote's paragraph emptied
        ("We will act now.", "", "We will act now.", None),
    ],
)  # fmt: skip
def test_a_quote_is_found_again_exactly_or_in_its_new_wording(old, new, quote, expected):
    start = old.index(quote)
    found = anchoring.find(
        old,
        new,
        quote,
        start,
        start + len(quote),
        *anchoring.context(old, start, start + len(quote)),
    )
    if expected is None:
        assert found is None
    else:
        assert (new[found.start : found.end], found.reworded) == expected


def test_a_reworded_quote_is_looked_for_in_its_own_paragraph_first():
    class P:
        def __init__(self, label, text):
            self.label, self.text, self.position = label, text, int(label)

    old = "We will invest in defence. We will act."
    quote = "We will invest in defence."
    quoted = Quoted("2", old, quote, 0, len(quote), "", " We will act.")
    paragraphs = [
        P("1", "We will invest more in defence. Other words."),
        P("2", "We will invest more in defence. We will act."),
    ]
    paragraph, found = locate(quoted, paragraphs)
    assert paragraph.label == "2" and found.reworded


def test_correcting_a_paragraph_in_place_never_drops_a_note():
    note = make_annotation(paragraph=make_paragraph(text="Texte original ici."), quote="original")
    correct_paragraph(paragraph=note.paragraph, text="Rien de pareil.")
    assert Annotation.objects.get(pk=note.pk).orphan
