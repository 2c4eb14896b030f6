import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nato_tracker.languages import Translated

from . import fulltext, recognition
from .ingest import anchor_for, sha256_text


class SummitQuerySet(models.QuerySet):
    def for_timeline(self):
        return self.annotate(
            document_count=models.Count("documents", distinct=True),
        ).order_by("-started_on")

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Summit(models.Model):
    """A meeting: held, or only referred to or announced by a text.

    Its page, like a document's, belongs to the app that shows it with what is built on
    it: settings.ABSOLUTE_URL_OVERRIDES gives both their get_absolute_url().
    """

    class Kind(models.TextChoices):
        SUMMIT = "summit", _("Summit")
        MINISTERIAL = "ministerial", _("Ministerial meeting")
        OTHER = "other", _("Other meeting")

    class State(models.TextChoices):
        ANNOUNCED = "announced", _("Announced")
        HELD = "held", _("Held")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200, help_text=_("In English."))
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.SUMMIT)
    city = models.CharField(_("city"), max_length=100, help_text=_("In English."))
    city_fr = models.CharField(_("city in French"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    country_fr = models.CharField(_("country in French"), max_length=100, blank=True)
    started_on = models.DateField(_("start date"))
    ended_on = models.DateField(_("end date"))
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.HELD)
    notes = models.TextField(_("notes"), blank=True, help_text=_("In English."))
    notes_fr = models.TextField(_("notes in French"), blank=True)

    # The reader's language, else the other (nato_tracker.languages).
    local_name = Translated(en="name", fr="name_fr")
    local_city = Translated(en="city", fr="city_fr")
    local_country = Translated(en="country", fr="country_fr")
    local_notes = Translated(en="notes", fr="notes_fr")

    objects = SummitQuerySet.as_manager()

    class Meta:
        ordering = ["started_on"]
        verbose_name = _("summit")
        verbose_name_plural = _("summits")
        # Pages read meetings newest first and stop early (the home page's headlines).
        indexes = [models.Index(fields=["started_on"], name="summits_summit_started_on")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__gte=models.F("started_on")),
                name="summits_summit_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.local_name

    def natural_key(self):
        return (self.slug,)

    @property
    def year(self):
        return self.started_on.year


class Work(models.Model):
    """One text in its language versions: the English and the French documents of one
    communiqué belong to one work, their paragraphs aligned by number (or by order)."""

    summit = models.ForeignKey(
        Summit, on_delete=models.PROTECT, related_name="works", verbose_name=_("summit")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")

    def __str__(self):
        return f"{self.summit} ({self.pk})"


# Fields of a document that only its own admin page needs; `path__` prefixes them when
# a document is reached through select_related.
DOCUMENT_HEAVY_FIELDS = ("raw_text", "ingest_report")


def without_document_text(path: str) -> list[str]:
    """defer() arguments leaving out the heavy fields of the document at `path`."""
    return [f"{path}__{name}" for name in DOCUMENT_HEAVY_FIELDS]


class DocumentQuerySet(models.QuerySet):
    def for_list(self):
        return (
            self.select_related("summit")
            .without_text()
            .annotate(
                paragraph_count=models.Count(
                    "paragraphs", filter=models.Q(paragraphs__parent__isnull=True), distinct=True
                ),
                item_count=models.Count(
                    "paragraphs", filter=models.Q(paragraphs__parent__isnull=False), distinct=True
                ),
            )
        )

    def without_text(self):
        """Leave out the raw text and ingest report (hundreds of kB each) that lists and
        the reader do not show."""
        return self.defer(*DOCUMENT_HEAVY_FIELDS)

    def current(self):
        return self.filter(superseded_by__isnull=True)

    def language_versions(self, document):
        """The current documents in other languages of the same work as `document`."""
        if document.work_id is None:
            return self.none()
        return (
            self.current()
            .filter(work_id=document.work_id)
            .exclude(language=document.language)
            .order_by("language")
        )

    def get_by_natural_key(self, sha256):
        return self.get(sha256=sha256)


class Document(models.Model):
    class Kind(models.TextChoices):
        COMMUNIQUE = "communique", _("Communiqué")
        DECLARATION = "declaration", _("Declaration")
        NEWS_RELEASE = "news_release", _("News release")
        ARTICLE = "article", _("Press article")
        STATEMENT = "statement", _("Statement")

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")

    class Provenance(models.TextChoices):
        """What the text read is, beside the official one."""

        OFFICIAL = "official", _("Official text")
        PRESS_COPY = "press_copy", _("Press copy of an official text")
        MACHINE_TRANSLATION = (
            "machine_translation",
            _("Press copy of an official text, apparently machine-translated"),
        )
        TRANSLATION = "translation", _("Translation, not the official text")
        PRESS_ARTICLE = "press_article", _("Press article: a journalist's words")

    summit = models.ForeignKey(
        Summit, on_delete=models.PROTECT, related_name="documents", verbose_name=_("summit")
    )
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    language = models.CharField(_("language"), max_length=2, choices=Language)
    published_on = models.DateField(_("publication date"))
    provenance = models.CharField(
        _("what this text is"),
        max_length=30,
        choices=Provenance,
        blank=True,
        help_text=_("Empty: not known."),
    )
    source_name = models.CharField(
        _("published by"), max_length=200, blank=True, help_text=_("Who published the copy read.")
    )
    source_url = models.URLField(
        _("address of the copy read"), max_length=500, blank=True, help_text=_("Empty: not known.")
    )
    official_url = models.URLField(
        _("address of the official text"),
        max_length=500,
        blank=True,
        help_text=_("Empty: not known."),
    )
    raw_text = models.TextField(_("raw text, as received"))
    encoding = models.CharField(_("encoding"), max_length=20)
    sha256 = models.CharField(_("SHA-256 of the text"), max_length=64)
    headline = models.CharField(_("headline found in the text"), max_length=500, blank=True)
    ingest_report = models.JSONField(_("ingest report"), default=dict, blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("earlier version"),
    )
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loaded_documents",
    )
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)
    work = models.ForeignKey(
        Work,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("language versions of"),
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["published_on", "pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.UniqueConstraint(fields=["sha256"], name="summits_document_unique_sha256"),
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (self.sha256,)

    @classmethod
    def restored_problems(cls, rows) -> list[str]:
        """The documents whose raw text no longer hashes to its SHA-256 (after a restore)."""
        return [
            f"document {slug}: its raw text does not match its SHA-256"
            for slug, text, sha256 in rows.values_list("slug", "raw_text", "sha256").iterator()
            if sha256_text(text) != sha256
        ]

    @property
    def is_official(self) -> bool:
        return self.provenance == self.Provenance.OFFICIAL


class OriginalQuerySet(models.QuerySet):
    def get_by_natural_key(self, sha256):
        return self.get(document__sha256=sha256)


class Original(models.Model):
    """The file a document was read from, byte for byte: the .txt, .html or .pdf itself."""

    class Format(models.TextChoices):
        TEXT = "text", _("Plain text")
        HTML = "html", _("Web page")
        PDF = "pdf", "PDF"

    MEDIA_TYPES = {"text": "text/plain", "html": "text/html", "pdf": "application/pdf"}
    EXTENSIONS = {"text": ".txt", "html": ".html", "pdf": ".pdf"}

    document = models.OneToOneField(
        Document, on_delete=models.CASCADE, related_name="original", verbose_name=_("document")
    )
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    data = models.BinaryField(_("the file"))

    objects = OriginalQuerySet.as_manager()

    class Meta:
        verbose_name = _("original file")
        verbose_name_plural = _("original files")
        constraints = [
            models.UniqueConstraint(fields=["sha256"], name="summits_original_unique_sha256"),
        ]

    def __str__(self):
        return self.filename or f"{self.document}{self.EXTENSIONS[self.format]}"

    @classmethod
    def restored_problems(cls, rows) -> list[str]:
        """The files whose bytes no longer hash to their SHA-256 (after a restore)."""
        return [
            f"original {sha256}: its bytes do not match its SHA-256"
            for data, sha256 in rows.values_list("data", "sha256").iterator(chunk_size=20)
            if hashlib.sha256(bytes(data)).hexdigest() != sha256
        ]

    def natural_key(self):
        return self.document.natural_key()

    natural_key.dependencies = ["summits.document"]  # type: ignore[attr-defined]

    @property
    def download_name(self) -> str:
        return self.filename or f"{self.document.slug}{self.EXTENSIONS[self.format]}"


class ParagraphQuerySet(models.QuerySet["Paragraph"]):
    def for_reader(self):
        return self.defer("folded_text").order_by("position")

    def get_by_natural_key(self, sha256, position):
        return self.get(document__sha256=sha256, position=position)

    def aligned(self, document, own=None) -> dict[str, list]:
        """Label of each paragraph of `document` -> its paragraphs in the other language
        versions of the same work (summits.recognition.align: by number, else by order).
        `own` are the document's paragraphs when the caller has them already."""
        if document.work_id is None:
            return {}
        others = list(Document.objects.language_versions(document).without_text())
        if not others:
            return {}
        if own is None:
            own = list(self.filter(document=document).only("label", "number", "position"))
        theirs = list(self.filter(document__in=others).defer("folded_text").order_by("position"))
        found: dict[str, list] = {}
        for other in others:
            mine = [p for p in theirs if p.document_id == other.pk]
            for paragraph in mine:
                paragraph.document = other  # their addresses need it: no query each
            by_label = {p.label: p for p in mine}
            for label, other_label in recognition.align(own, mine).pairs:
                found.setdefault(label, []).append(by_label[other_label])
        return found

    def by_anchor(self, anchor):
        """The paragraphs whose reader anchor is `anchor` ("p27", "p34-6", "s4")."""
        if anchor[:1] == "s":
            label = "§" + anchor[1:]
        elif anchor[:1] == "p":
            label = anchor[1:].replace("-", " •")
        else:
            return self.none()
        return self.filter(label=label)

    def search(self, query: str, *, documents=None, outside=None):
        """The paragraphs matching query (the search box's language, summits.search),
        in `documents` and not in `outside` (lists of ids) when given: a
        fulltext.Matches, read by a Paginator.

        Words are whole words, accents and capitals aside, in their French or English
        stem. SQLite: the FTS5 index of migration 0003, every match ranked by bm25.
        PostgreSQL: the vectors of migration 0002, newest matches first, each page
        ranked by ts_rank. Both: highlighted snippets, matches counted up to
        fulltext.COUNT_LIMIT.
        """
        return fulltext.matches(self, query, documents=documents, outside=outside)


class Paragraph(models.Model):
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="paragraphs", verbose_name=_("document")
    )
    position = models.PositiveIntegerField(_("position"))
    number = models.PositiveIntegerField(_("official number"), null=True, blank=True)
    label = models.CharField(_("label"), max_length=20)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="items",
        verbose_name=_("paragraph of this bullet item"),
    )
    text = models.TextField(_("text"))
    # Casefolded, accent-free copy of text, for the filters that match inside words (the
    # search has its own index: summits.fulltext).
    folded_text = models.TextField(editable=False, blank=True)
    # A hash of the text's words (summits.recognition): the same paragraph in any form.
    fingerprint = models.CharField(max_length=16, editable=False, blank=True)
    defects = models.JSONField(_("defects found and repaired"), default=list, blank=True)
    line = models.PositiveIntegerField(_("line in the raw text"), default=1)

    objects = ParagraphQuerySet.as_manager()
    # Corrections made after loading (an import writes no history rows).
    history = HistoricalRecords(excluded_fields=["folded_text", "fingerprint"])

    class Meta:
        ordering = ["document", "position"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "position"], name="summits_paragraph_unique_position"
            ),
            models.CheckConstraint(
                condition=models.Q(position__gte=1), name="summits_paragraph_position_positive"
            ),
        ]
        indexes = [
            # The import preview finds the documents sharing a new text's paragraphs.
            models.Index(fields=["fingerprint"], name="summits_paragraph_fingerprint"),
        ]

    def __str__(self):
        return f"{self.document} {self.display_label}"

    def get_absolute_url(self):
        """The paragraph in its document's page (where the project puts that page)."""
        return f"{self.document.get_absolute_url()}#{self.anchor}"

    def natural_key(self):
        return (*self.document.natural_key(), self.position)

    natural_key.dependencies = ["summits.document"]  # type: ignore[attr-defined]

    @property
    def anchor(self):
        return anchor_for(self.label)

    @property
    def display_label(self):
        return f"¶{self.label}" if self.number else self.label

    @property
    def defect_kinds(self):
        return [defect["kind"] for defect in self.defects]
