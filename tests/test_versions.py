"""A corrected text becomes a new version; annotations follow their quote or are orphaned."""

from datetime import date
from types import SimpleNamespace

import pytest

from imports.carry import annotation_quote, plan_carry, plan_moves
from imports.preview import build_preview
from imports.request import ImportRequest
from imports.services import import_communique
from reader.models import Annotation
from summits.formats import read_source
from summits.models import Document
from summits.services import ImportConflict
from tests.factories import make_annotation, make_paragraph, make_summit

FIRST = """Testville Summit Declaration

1. We commit to invest at least 2% of our GDP on defence every year.

2. Allies will strengthen cyber defences by 2030.

3. We agreed to meet again in 2031.
"""
# Paragraph 2 corrected, paragraph 3 reworded so that its old quote is gone, a new 4.
CORRECTED = """Testville Summit Declaration

1. We commit to invest at least 2% of our GDP on defence every year.

2. Allies will strengthen national cyber defences by 2030.

3. We decided to hold our next summit in 2031.

4. We commit to invest in innovation.
"""


def quote_move(label, quote, prefix="", suffix=""):
    """An annotation as the planner sees it, from a paragraph whose old text is unknown."""
    return SimpleNamespace(
        paragraph=SimpleNamespace(label=label, text=""),
        quote=quote,
        start=0,
        end=len(quote),
        prefix=prefix,
        suffix=suffix,
    )


@pytest.mark.parametrize(
    ("label", "quote", "expected"),
    [
        ("2", "cyber", ("2", 7)),  # its own paragraph first
        ("9", "cyber", ("0", 12)),  # its paragraph is gone: the first one holding it
        ("1", "defence", ("1", 10)),  # its own paragraph wins over an earlier one
        ("1", "again", None),  # found nowhere: an orphan
    ],
)
def test_a_quote_is_found_again_preferring_its_own_paragraph(label, quote, expected):
    paragraphs = [
        SimpleNamespace(label="0", text="defence and cyber"),
        SimpleNamespace(label="1", text="We defend defence."),
        SimpleNamespace(label="2", text="Allies cyber."),
    ]
    [move] = plan_moves([quote_move(label, quote)], paragraphs, quote_of=annotation_quote)
    if expected is None:
        assert move.target is None
    else:
        assert (move.target.label, move.start) == expected
        assert move.target.text[move.start : move.end] == quote


def test_among_several_occurrences_the_one_in_the_same_context_wins():
    paragraph = SimpleNamespace(label="1", text="We act now. Allies act now. They act later.")
    [move] = plan_moves(
        [quote_move("1", "act", prefix="Allies ")], [paragraph], quote_of=annotation_quote
    )
    assert move.start == paragraph.text.index("Allies act") + len("Allies ")


@pytest.fixture
def loaded(db):
    summit = make_summit(slug="testville-2030", name="Testville Summit", city="Testville")
    imported = import_communique(
        source=read_source(FIRST.encode(), filename="declaration.txt"),
        summit=summit,
        title="Testville Summit Declaration",
        kind="declaration",
        published_on=date(2030, 6, 2),
    )
    return imported.document


def annotate(document, label, quote):
    return make_annotation(paragraph=document.paragraphs.get(label=label), quote=quote)


def test_a_corrected_text_becomes_a_new_version_and_annotations_follow(loaded):
    kept = annotate(loaded, "2", "strengthen")
    shifted = annotate(loaded, "2", "cyber defences by 2030")
    lost = annotate(loaded, "3", "We agreed to meet again")
    source = read_source(CORRECTED.encode(), filename="declaration.txt")

    request = ImportRequest(
        summit=loaded.summit,
        title=loaded.title,
        kind="declaration",
        published_on=date(2030, 6, 2),
    )
    preview = build_preview(source=source, request=request)
    assert preview.replaces == loaded  # same summit, title and language
    assert [m.item for m in preview.carry.annotations.orphaned] == [lost]
    assert Annotation.objects.filter(orphan=True).count() == 0  # the preview wrote nothing

    imported = import_communique(
        source=source,
        summit=loaded.summit,
        title=loaded.title,
        kind="declaration",
        published_on=date(2030, 6, 2),
        replaces=preview.replaces,
    )
    new = imported.document
    assert (imported.moved, imported.orphaned) == (2, 1)
    assert new.slug == f"{loaded.slug}-v2"
    assert new.supersedes == loaded
    assert Document.objects.current().filter(summit=loaded.summit).get() == new
    assert loaded.paragraphs.count() == 3  # the old version is kept whole

    kept.refresh_from_db()
    shifted.refresh_from_db()
    lost.refresh_from_db()
    assert kept.paragraph.document == new and kept.paragraph.label == "2"
    assert shifted.paragraph.text[shifted.start : shifted.end] == "cyber defences by 2030"
    assert shifted.start == kept.paragraph.text.index("cyber")
    assert shifted.prefix.endswith("national ") and shifted.version == 2
    # Not found: shown as an orphan on the new version's paragraph with the same number.
    assert lost.orphan and lost.paragraph.document == new and lost.paragraph.label == "3"
    assert lost.history.count() == 2  # the change is in the annotation's history


def test_the_reader_links_each_version_to_the_other(client, loaded, django_assert_max_num_queries):
    source = read_source(CORRECTED.encode(), filename="declaration.txt")
    new = import_communique(
        source=source,
        summit=loaded.summit,
        title="Corrected",
        kind="declaration",
        published_on=date(2030, 6, 2),
        replaces=loaded,
    ).document
    with django_assert_max_num_queries(6):
        old_page = client.get(loaded.get_absolute_url()).content.decode()
    assert "A corrected text replaces this version" in old_page
    assert new.get_absolute_url() in old_page
    assert loaded.get_absolute_url() in client.get(new.get_absolute_url()).content.decode()


def test_a_version_already_replaced_cannot_be_replaced_again(loaded):
    def load(text):
        return import_communique(
            source=read_source(text.encode(), filename="d.txt"),
            summit=loaded.summit,
            title="T",
            kind="declaration",
            published_on=date(2030, 6, 2),
            replaces=loaded,
        )

    load(CORRECTED)
    before = Document.objects.count()
    with pytest.raises(ImportConflict, match="replaced by a newer version already"):
        load(CORRECTED + "\n5. Another correction.\n")
    assert Document.objects.count() == before


def test_carrying_annotations_of_a_document_without_any_moves_nothing(loaded):
    other = make_paragraph(
        document=loaded.summit.documents.create(
            slug="other",
            title="Other",
            kind="declaration",
            language="en",
            published_on=date(2030, 6, 2),
            raw_text="x",
            encoding="utf-8",
            sha256="0" * 64,
        )
    )
    assert plan_carry(loaded, [other]).annotations == []
