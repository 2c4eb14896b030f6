"""The Vilnius seed in every form an admin receives it in, each built here from the seed:
the same paragraphs, the same candidates, and recognised as loaded already. A corrected
copy is offered as a new version; an English and a French text are language versions."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commitments.models import Commitment
from imports.preview import build_preview
from imports.reading import read_upload
from imports.request import ImportRequest
from imports.services import import_communique
from reader.models import Annotation
from summits import ingest
from summits.models import Document, Summit
from tests import communiques
from tests.conftest import CHROMIUM
from tests.factories import make_admin, make_annotation, make_summit

pytestmark = pytest.mark.django_db

SEED = "vilnius-2023-communique"
HAS_CHROMIUM = Path(CHROMIUM).exists()


@pytest.fixture(scope="module")
def printed_pdf():
    if not HAS_CHROMIUM:
        pytest.skip("Debian's chromium is not installed")
    return communiques.chromium_pdf(communiques.news_site_html())


FORMS = {
    "cp1252": (communiques.as_cp1252, "vilnius.txt"),
    "crlf-bom": (communiques.as_utf8_bom_crlf, "vilnius.txt"),
    "news-site-html": (communiques.news_site_html, "vilnius.html"),
    "chromium-pdf": (None, "vilnius.pdf"),
    "wrapped-80": (communiques.wrapped, "vilnius.txt"),
}


@pytest.fixture(params=list(FORMS), ids=list(FORMS))
def form(request):
    make, filename = FORMS[request.param]
    data = request.getfixturevalue("printed_pdf") if make is None else make()
    return request.param, read_upload(data, filename=filename, max_bytes=len(data))


@pytest.fixture
def seed_candidates():
    data = communiques.VILNIUS.read_bytes()
    return candidates(preview_of(read_upload(data, filename="v.txt", max_bytes=len(data))))


def candidates(preview):
    return [(item.paragraph.label, item.candidate.quote) for item in preview.found]


def preview_of(source, summit="vilnius-2023"):
    meeting = Summit.objects.get(slug=summit)
    return build_preview(
        source=source,
        request=ImportRequest(
            summit=meeting, kind=Document.Kind.COMMUNIQUE, published_on=meeting.ended_on
        ),
    )


@pytest.fixture(scope="module")
def reference():
    return ingest.parse_text(communiques.vilnius_text())


def test_every_form_gives_the_same_paragraphs_and_candidates_and_is_already_loaded(
    form, reference, seed_candidates
):
    name, source = form
    preview = preview_of(source)
    parsed = preview.parsed
    assert sum(1 for p in parsed.paragraphs if p.number is not None) == 90
    assert sum(1 for p in parsed.paragraphs if p.parent_position is not None) == 6
    expected = {(p.label, p.text) for p in reference.paragraphs}
    identical = sum(1 for p in parsed.paragraphs if (p.label, p.text) in expected)
    assert identical >= 94, name
    seed = Document.objects.get(slug=SEED)
    assert candidates(preview) == seed_candidates
    assert preview.existing == seed
    assert preview.title.startswith("OTAN : Voici les 90 points forts")


def upload_to_vilnius(client, data: bytes, filename: str):
    client.force_login(make_admin())
    return client.post(
        reverse("imports:upload"),
        {
            "summit": Summit.objects.get(slug="vilnius-2023").pk,
            "new_summit_kind": "summit",
            "kind": "communique",
            "published_on": "2023-07-12",
            "file": SimpleUploadedFile(filename, data),
        },
    )


def test_the_upload_page_says_already_loaded_for_a_printed_pdf(client, printed_pdf):
    response = upload_to_vilnius(client, printed_pdf, "vilnius.pdf")
    html = response.content.decode()
    assert response.status_code == 200, html[html.find("errorlist") - 300 :][:800]
    assert "is already loaded as" in html and "read from another file or form" in html
    assert "Confirm the import" not in html
    assert "running header, footer or page number line(s) were left out" in html


def corrected_text() -> bytes:
    """The seed with one word of ¶28 corrected."""
    text = communiques.vilnius_text()
    assert text.count("développement connexes") == 1
    return text.replace("développement connexes", "développement associés").encode()


def test_one_word_corrected_is_offered_as_a_new_version_and_the_work_follows():
    seed = Document.objects.get(slug=SEED)
    commitments = Commitment.objects.filter(paragraph__document=seed).count()
    note = make_annotation(paragraph=seed.paragraphs.get(label="27"), quote="2 %")
    source = read_upload(corrected_text(), filename="vilnius.txt", max_bytes=10**6)
    preview = preview_of(source)
    assert preview.existing is None
    assert preview.recognised and preview.replaces == seed
    changes = preview.changes
    assert (changes.unchanged, changes.changed, changes.added, changes.removed) == (95, 1, 0, 0)
    (difference, pieces) = preview.differences[0]
    assert difference.new_label == "28"
    assert [piece.text for piece in pieces if piece.op != "equal"] == [
        " connexes",
        " associés",
    ]
    summit = Summit.objects.get(slug="vilnius-2023")
    imported = import_communique(
        source=source, summit=summit, kind="communique", published_on=summit.ended_on
    )
    new = imported.document
    assert new.supersedes == seed
    assert Commitment.objects.filter(paragraph__document=new).count() == commitments
    assert Annotation.objects.get(pk=note.pk).paragraph.document == new
    assert imported.candidates == 0  # every candidate is held by a commitment that moved


def test_the_preview_of_a_new_version_shows_the_differences(client):
    response = upload_to_vilnius(client, corrected_text(), "vilnius.txt")
    html = response.content.decode()
    assert "This looks like a new version of" in html
    assert "95 of its 96 paragraphs are the same, 1 changed, 0 added, 0 removed." in html
    assert "<del> connexes</del><ins> associés</ins>" in html
    assert "Confirm the import" in html


def test_a_corrected_copy_uploaded_to_another_summit_is_flagged_not_merged():
    summit = make_summit(slug="testville-2030", city="Testville")
    source = read_upload(corrected_text(), filename="vilnius.txt", max_bytes=10**6)
    preview = build_preview(
        source=source,
        request=ImportRequest(summit=summit, kind="communique", published_on=summit.ended_on),
    )
    assert preview.replaces is None and preview.elsewhere.document.slug == SEED


FRENCH = """Déclaration du sommet de Testville

1. Nous, chefs d’État et de gouvernement de l’Alliance, nous sommes réunis à Testville \
les 3 et 4 juin 2031 pour ouvrir un nouveau chapitre de notre défense commune.

2. Nous nous engageons à consacrer chaque année au moins 3 % de notre produit intérieur \
brut à la défense d’ici à 2035. Nous avons :
• adopté de nouveaux plans régionaux ;
• renforcé notre commandement.

3. Nous fournirons au moins 40 milliards d’euros d’aide à nos partenaires chaque année.

4. Nous nous retrouverons à Otherville en 2032.
"""

ENGLISH = """Testville Summit Declaration

1. We, the Heads of State and Government of the Alliance, met in Testville on 3 and 4 \
June 2031 to open a new chapter of our common defence.

2. We commit to spend at least 3% of our gross domestic product on defence every year \
by 2035. We have:
• adopted new regional plans;
• strengthened our command.

3. We will provide at least 40 billion euros of support to our partners every year.

4. We will meet again in Otherville in 2032.
"""


def load(text: str, summit, **kw):
    source = read_upload(text.encode(), filename="declaration.txt", max_bytes=10**6)
    return import_communique(
        source=source, summit=summit, kind="declaration", published_on=summit.ended_on, **kw
    )


@pytest.fixture
def testville():
    from datetime import date

    return make_summit(
        slug="testville-2031",
        city="Testville",
        started_on=date(2031, 6, 3),
        ended_on=date(2031, 6, 4),
    )


def test_an_english_and_a_french_text_are_two_language_versions_aligned(testville):
    french = load(FRENCH, testville).document
    source = read_upload(ENGLISH.encode(), filename="declaration.txt", max_bytes=10**6)
    preview = build_preview(
        source=source,
        request=ImportRequest(
            summit=testville, kind="declaration", published_on=testville.ended_on
        ),
    )
    assert preview.existing is None and preview.replaces is None
    version = preview.language_version
    assert version.document == french and version.alignment.by == "number"
    assert version.alignment.pairs == tuple(
        (label, label) for label in ("1", "2", "2 •1", "2 •2", "3", "4")
    )
    # The list items carry ¶2's "We have:"; ¶4 announces a meeting: no commitment.
    assert [item.paragraph.label for item in preview.covered] == ["2", "2 •1", "2 •2", "3"]
    assert preview.found == []  # the French text's commitments hold them
    imported = load(ENGLISH, testville)
    assert imported.candidates == 0
    english = imported.document
    english.refresh_from_db()
    french.refresh_from_db()
    assert english.work_id is not None and english.work_id == french.work_id
    assert (english.language, french.language) == ("en", "fr")


def test_the_reader_switches_between_the_language_versions(client, testville):
    french = load(FRENCH, testville).document
    english = load(ENGLISH, testville).document
    html = client.get(french.get_absolute_url()).content.decode()
    # The language's name in the reader's language, the link's own language in hreflang.
    assert f'<a href="{english.get_absolute_url()}" hreflang="en">English</a>' in html
    assert f'href="{english.get_absolute_url()}#p2-1" hreflang="en"' in html
    assert '<p lang="en">adopted new regional plans;</p>' in html
    back = client.get(english.get_absolute_url()).content.decode()
    assert f'href="{french.get_absolute_url()}#p3" hreflang="fr"' in back


def test_a_commitment_shows_its_quote_in_both_languages(client, testville):
    french = load(FRENCH, testville).document
    load(ENGLISH, testville)
    pledge = Commitment.objects.filter(paragraph__document=french, paragraph__label="2").first()
    html = client.get(pledge.get_absolute_url()).content.decode()
    assert "In the other language (English)" in html
    assert '<mark class="commitment">We commit to spend at least 3% of our gross' in html


def test_the_command_tells_a_language_version_and_a_text_in_german(tmp_path, testville):
    from io import StringIO

    from django.core.management import CommandError, call_command

    load(FRENCH, testville)
    path = tmp_path / "declaration.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    out = StringIO()
    call_command("import_communique", path, "--summit", "testville-2031", "--dry-run", stdout=out)
    assert "Other language version of testville-2031-declaration (fr): 6 paragraphs" in (
        out.getvalue()
    )
    path.write_text(
        "1. Wir, die Staats- und Regierungschefs der Allianz, sind in Testburg "
        "zusammengekommen.\n\n2. Wir bekräftigen unser Engagement für die Verteidigung und "
        "die Sicherheit des Bündnisses, mit der Ukraine und mit unseren Partnern.\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="seems to be in German: only French and English"):
        call_command("import_communique", path, "--summit", "testville-2031", stdout=out)
