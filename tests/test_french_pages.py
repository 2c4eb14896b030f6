"""Every page in French, with the seed data: no English word from the data or the
interface where the page speaks French, French numbers, French colons.

The pages are found by walking the URL patterns (a new one must be listed here or set
aside with its reason), each filled with real objects of the seed fixtures. The English
words looked for are those of the English data and interface strings themselves (ally,
meeting, city and indicator names, category labels, editors' titles and notes, every
English message of the catalogue), less every word that French uses too (the French
data, the French catalogue, the French texts): what is left can only be English. Text
marked with another language (`lang="en"`) is not French and is not searched.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

from commitments.models import (
    Ally,
    AssessmentRule,
    Category,
    Commitment,
    Indicator,
    Measurement,
    StatusChange,
)
from reader.models import Annotation
from reader.views import permalink
from summits.models import Document, Paragraph, Summit

from .factories import make_annotation, make_user

pytestmark = pytest.mark.django_db

PO = Path(__file__).resolve().parent.parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
WORD = re.compile(r"[^\W\d_]{2,}")
# Not pages: files, feeds, exports, redirects and form posts.
NOT_PAGES = {
    "summits:original": "the original file",
    "commitments:export": "CSV or JSON",
    "commitments:feed": "Atom",
    "commitments:ally_feed": "Atom",
    "commitments:tracker_feed": "Atom",
    "commitments:assessment_export": "CSV or JSON",
    "commitments:measurements_export": "CSV or JSON",
    "commitments:review": "a form post",
    "commitments:assessment_publish": "a form post",
    "commitments:figure_withdraw": "a form post",
    "commitments:progress_export": "CSV or JSON",
    "commitments:lookup": "JSON for the commitment pickers",
    "reader:paragraph_notes": "a fragment of the reader's page, walked with it",
    "imports:release_confirm": "a form post",
    "commitments:release_file": "a release's file",
    "reader:paragraphs_export": "CSV or JSON",
    "imports:confirm": "a form post",
    "logout": "a form post",
    "set_language": "a form post",
    "healthz": "plain text for probes",
}


def route_names(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from route_names(pattern, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def _commitments():
    shown = Commitment.objects.shown()
    chosen = list(shown.filter(indicator__isnull=False))
    chosen += list(shown.filter(status_changes__isnull=False).distinct()[:10])
    chosen += list(shown.filter(parent__isnull=False)[:6])
    chosen += list(shown.exclude(notes="")[:6])
    chosen += list(shown.filter(paragraph__defects__icontains="cut")[:4])
    return list({c.pk: c for c in chosen}.values())


def pages(annotation, cycle_page):
    """Route name -> (who asks, the addresses of the pages), from the seed data."""
    commitments = _commitments()
    lineage = Commitment.objects.filter(parent__isnull=False).select_related("parent").first()
    documents = list(Document.objects.all())
    paragraphs = []
    for document in documents:
        rows = list(Paragraph.objects.filter(document=document).order_by("position"))
        paragraphs += rows[:2] + [p for p in rows if p.defects or p.parent_id][:6]
    commitment = commitments[0]
    commitment.save()  # a version to restore: loaded fixtures write no history
    history = commitment.history.first()
    note_history = annotation.history.first()
    return {
        "summits:timeline": ("anyone", ["/summits/"]),
        "commitments:list": ("editor", ["/commitments/", "/commitments/?summit=vilnius-2023"]),
        "commitments:compare": (
            "anyone",
            [f"/commitments/compare/?a={lineage.parent.slug}&b={lineage.slug}"],
        ),
        "commitments:detail": ("anyone", [c.get_absolute_url() for c in commitments]),
        "commitments:edit": ("editor", [f"/commitments/{commitment.slug}/edit/"]),
        "commitments:status_create": ("editor", [f"/commitments/{commitment.slug}/status/new/"]),
        "commitments:history": ("editor", [f"/commitments/{commitment.slug}/history/"]),
        "commitments:restore": (
            "admin",
            [f"/commitments/{commitment.slug}/history/{history.history_id}/restore/"],
        ),
        "commitments:curate": ("editor", [f"/curate/{d.slug}/" for d in documents]),
        "commitments:measurement_create": ("editor", ["/measurements/new/"]),
        "commitments:figure_history": (
            "anyone",
            [
                "/figures/defence-expenditure-gdp/deu/2024/",
                "/figures/defence-expenditure-gdp/pol/2023/",
            ],
        ),
        "commitments:ally_map": (
            "anyone",
            ["/allies/map/", "/allies/map/?indicator=major-equipment-share"],
        ),
        "commitments:allies": ("anyone", ["/allies/", "/allies/?sort=score"]),
        "commitments:ally_compare": ("anyone", ["/allies/compare/?allies=deu&allies=usa"]),
        "commitments:ally": ("anyone", [a.get_absolute_url() for a in Ally.objects.all()]),
        "commitments:methodology": ("anyone", ["/methodology/"]),
        "commitments:assessments": ("editor", ["/assessments/"]),
        "commitments:assessment_create": ("editor", ["/assessments/new/"]),
        "commitments:assessment": ("editor", [cycle_page]),
        "commitments:assessment_edit": ("editor", [f"{cycle_page}{_first_assessment()}/edit/"]),
        "reader:home": ("anyone", ["/"]),
        "reader:summit": ("anyone", [s.get_absolute_url() for s in Summit.objects.all()]),
        "reader:search": ("anyone", ["/search/?q=engageons", "/search/?q=défense+ukraine"]),
        "reader:document_compare": (
            "anyone",
            [f"/documents/compare/?a={documents[0].slug}&b={documents[1].slug}"],
        ),
        "reader:document": ("editor", [d.get_absolute_url() for d in documents]),
        "reader:paragraph": ("anyone", [permalink(p) for p in paragraphs]),
        "reader:annotation_create": (
            "editor",
            [f"/paragraphs/{paragraphs[0].pk}/annotations/new/"],
        ),
        "reader:commitment_add": ("editor", [f"/paragraphs/{paragraphs[0].pk}/commitments/new/"]),
        "reader:annotation_edit": ("editor", [f"/annotations/{annotation.pk}/edit/"]),
        "reader:annotation_delete": ("editor", [f"/annotations/{annotation.pk}/delete/"]),
        "reader:annotation_history": ("editor", [f"/annotations/{annotation.pk}/history/"]),
        "reader:annotation_restore": (
            "admin",
            [f"/annotations/{annotation.pk}/history/{note_history.history_id}/restore/"],
        ),
        "imports:upload": ("admin", ["/import/"]),
        "imports:release_upload": ("admin", ["/import/figures/"]),
        "login": ("anyone", ["/accounts/login/"]),
    }


def _first_assessment():
    from commitments.models import Assessment

    return Assessment.objects.order_by("pk").values_list("pk", flat=True).first()


PLACEHOLDER = re.compile(
    r"%\(\w+\)[sd]|\{\{[^}]*\}\}|<(\w+) lang=\"[^\"]*\">.*?</\1>|<[^>]+>", re.DOTALL
)


QUOTED = re.compile(r"«[^»]*»")
LABEL = re.compile(r"(?:^|;\s)(\w+)\u00a0:")


def french_words_of(msgid: str, msgstr: str) -> str:
    """A French message less what it quotes (in guillemets) and the names it keeps as
    written before a colon (a file's column names: "amount : …" for "amount: …")."""
    text = QUOTED.sub(" ", msgstr)
    return LABEL.sub(lambda m: " ; " if f"{m.group(1)}:" in msgid else m.group(0), text)


def words(texts) -> set[str]:
    """The words of texts, placeholders, markup and what is marked as in another
    language aside."""
    return {
        word.casefold() for text in texts for word in WORD.findall(PLACEHOLDER.sub(" ", str(text)))
    }


def vocabularies() -> tuple[set[str], set[str]]:
    """(English words, French words) of the data and of the catalogue."""
    catalogue = [e for e in polib.pofile(str(PO)) if e.msgid and not e.obsolete]
    with translation.override("en"):
        english_labels = [label for _value, label in Category.choices]
        english_labels += [str(label) for _value, label in Document.Provenance.choices]
    with translation.override("fr"):
        french_labels = [str(label) for _value, label in Category.choices]
    english = words(
        [e.msgid for e in catalogue]
        + [e.msgid_plural for e in catalogue if e.msgid_plural]
        + english_labels
        + list(Ally.objects.values_list("name_en", flat=True))
        + [t for row in Summit.objects.values_list("name", "city", "country", "notes") for t in row]
        + [t for row in Indicator.objects.values_list("name", "description") for t in row]
        + [t for row in Commitment.objects.values_list("title", "notes") for t in row]
        + list(StatusChange.objects.values_list("rationale", flat=True))
        + list(AssessmentRule.objects.values_list("notes", flat=True))
        + list(Measurement.objects.values_list("source", flat=True).distinct())
    )
    french = words(
        [french_words_of(e.msgid, e.msgstr) for e in catalogue]
        + [french_words_of(e.msgid, s) for e in catalogue for s in e.msgstr_plural.values()]
        + french_labels
        + list(Ally.objects.values_list("name_fr", flat=True))
        + [
            t
            for row in Summit.objects.values_list("name_fr", "city_fr", "country_fr", "notes_fr")
            for t in row
        ]
        + [t for row in Indicator.objects.values_list("name_fr", "description_fr") for t in row]
        + [
            t
            for row in Commitment.objects.values_list("title_fr", "notes_fr", "quote")
            for t in row
        ]
        + list(Paragraph.objects.filter(document__language="fr").values_list("text", flat=True))
        + list(Document.objects.values_list("title", "raw_text").filter(language="fr"))
    )
    return english, french


class FrenchText(HTMLParser):
    """The text of a page where its language is French: (text, in_source) pairs, where
    in_source is true inside an element that names its language itself (a quote, a
    text), whose typography is the source's own."""

    SKIP = {"script", "style"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col"}
    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = []  # tag, language, in source
        self.found: list[tuple[str, bool]] = []

    def _language(self):
        return self.stack[-1][1] if self.stack else ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        language = attrs.get("lang") or self._language()
        in_source = (self.stack[-1][2] if self.stack else False) or (
            "lang" in attrs and tag != "html"
        )
        if language.startswith("fr"):
            for name in self.ATTRIBUTES:
                if attrs.get(name):
                    self.found.append((attrs[name], in_source))
        if tag not in self.VOID:
            self.stack.append((tag, language, in_source))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if any(tag in self.SKIP for tag, _language, _source in self.stack):
            return
        if self._language().startswith("fr") and data.strip():
            self.found.append((data, self.stack[-1][2] if self.stack else False))


def french_text(html: str) -> list[tuple[str, bool]]:
    parser = FrenchText()
    parser.feed(html)
    return parser.found


ENGLISH_NUMBER = re.compile(r"(?<![\w.])[+−-]?\d+\.\d+(?![\w.])")
# A colon of punctuation (followed by a space or the end: not "12:30", not "https://")
# without its no-break space, or after an ordinary space.
BAD_COLON = re.compile(r"(?:^|[^\s\u00a0\u202f]):(?=\s|$)|(?<=\S) :")


NOT_WORDS = re.compile(r"https?://\S+|\b[0-9a-f]{16,}\b")  # addresses, checksums


def slips(html: str, suspicious: set[str], codes: set[str] = frozenset()) -> list[str]:
    """What on a page is not French: English words (not the allies' ISO codes, which
    the tile map shows), English numbers, colons without their space."""
    found = []
    for text, in_source in french_text(html):
        text = NOT_WORDS.sub(" ", text)
        for word in WORD.findall(text):
            if word.casefold() in suspicious and word not in codes:
                found.append(f"English word {word!r} in {text.strip()[:80]!r}")
        if in_source:
            continue  # the source's own typography
        for number in ENGLISH_NUMBER.findall(text):
            found.append(f"English number {number!r} in {text.strip()[:80]!r}")
        if BAD_COLON.search(text):
            found.append(f"colon without a no-break space in {text.strip()[:80]!r}")
    return found


@pytest.fixture
def cycle_page(editor):
    from commitments.assessments import open_cycle

    vilnius = Summit.objects.get(slug="vilnius-2023")
    chosen = list(Commitment.objects.confirmed().filter(summit=vilnius, indicator__isnull=False))
    # The figures' reasons are written in the language of the editor who opens the cycle.
    with translation.override("fr"):
        cycle = open_cycle(
            summit=vilnius,
            kind="interim",
            starts_on=vilnius.started_on,
            ends_on=vilnius.started_on.replace(year=2024),
            title="Évaluation intermédiaire de Vilnius",
            commitments=chosen,
            user=editor,
        )
    return cycle.get_absolute_url()


@pytest.fixture
def editor():
    return make_user("Editors", username="edith")


def test_every_route_is_a_page_walked_here_or_set_aside(editor, cycle_page):
    annotation = make_annotation(paragraph=Paragraph.objects.order_by("pk").first(), author=editor)
    walked = set(pages(annotation, cycle_page)) | set(NOT_PAGES)
    assert set(route_names()) - walked == set()


def test_no_english_on_the_french_pages(client, editor, cycle_page):
    english, french = vocabularies()
    suspicious = english - french
    # The word list is the data's own, and holds what a French page must not show.
    assert {"germany", "summit", "of", "allies", "amount", "defence"} <= suspicious
    annotation = make_annotation(
        paragraph=Paragraph.objects.filter(document__slug="vilnius-2023-communique")
        .order_by("position")
        .first(),
        author=editor,
        body="Une note de lecture.",
    )
    codes = set(Ally.objects.values_list("iso3", flat=True))
    users = {"anyone": None, "editor": editor, "admin": make_user("Admins", username="ada")}
    problems = []
    count = 0
    for name, (who, urls) in pages(annotation, cycle_page).items():
        client.logout()
        if users[who] is not None:
            client.force_login(users[who])
        for url in urls:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="fr")
            assert response.status_code == 200, (name, url, response.status_code)
            count += 1
            html = response.content.decode()
            assert '<html lang="fr">' in html, url
            problems += [f"{url}: {slip}" for slip in slips(html, suspicious, codes)]
    assert count > 60
    assert not problems, "\n".join(sorted(set(problems)))
    assert Annotation.objects.exists()
