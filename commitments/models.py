import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from nato_tracker import clock
from nato_tracker.languages import Localized, Translated, active_language
from summits.models import Paragraph, Summit, without_document_text


class Category(models.TextChoices):
    DEFENCE_SPENDING = "defence_spending", _("Defence spending")
    MAJOR_EQUIPMENT = "major_equipment", _("Major equipment")
    UKRAINE = "ukraine", _("Ukraine assistance")
    DETERRENCE = "deterrence", _("Deterrence and defence")
    NUCLEAR = "nuclear", _("Nuclear deterrence")
    ARMS_CONTROL = "arms_control", _("Arms control")
    INDUSTRY = "industry", _("Defence industry")
    INNOVATION = "innovation", _("Innovation")
    RESILIENCE = "resilience", _("Resilience")
    CYBER = "cyber", _("Cyber defence")
    SPACE = "space", _("Space")
    HYBRID = "hybrid", _("Hybrid threats")
    CLIMATE = "climate", _("Climate and security")
    ENERGY = "energy", _("Energy security")
    COUNTER_TERRORISM = "counter_terrorism", _("Counter-terrorism")
    PARTNERSHIPS = "partnerships", _("Partnerships")
    ENLARGEMENT = "enlargement", _("Enlargement")
    HUMAN_SECURITY = "human_security", _("Human security, women, peace and security")
    OTHER = "other", _("Other")


class AllyQuerySet(models.QuerySet):
    def get_by_natural_key(self, iso3):
        return self.get(iso3=iso3)

    def members_in(self, year):
        return self.filter(joined_on__year__lte=year)


class Ally(models.Model):
    iso3 = models.CharField(_("ISO 3166 code"), max_length=3, unique=True)
    name_en = models.CharField(_("name in English"), max_length=100)
    name_fr = models.CharField(_("name in French"), max_length=100)
    joined_on = models.DateField(_("date of accession"))

    name = Translated(en="name_en", fr="name_fr")

    objects = AllyQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("ally")
        verbose_name_plural = _("allies")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("commitments:ally", args=[self.iso3.lower()])

    def natural_key(self):
        return (self.iso3,)

    @property
    def other_name(self) -> Localized:
        """The name in the language the reader is not reading."""
        if self.name.language == "fr":
            return Localized(self.name_en, "en")
        return Localized(self.name_fr, "fr")

    def was_member_in(self, year):
        return self.joined_on.year <= year


class IndicatorQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Indicator(models.Model):
    class Unit(models.TextChoices):
        PCT_GDP = "pct_gdp", _("% of GDP")
        PCT_DEFENCE_BUDGET = "pct_defence_budget", _("% of defence expenditure")
        EUR = "EUR", _("euros")
        USD = "USD", _("US dollars")
        USD_MILLION = "USD_million", _("million US dollars")

    # Units of money: their figures are amounts, followed through contributions.
    AMOUNT_UNITS = (Unit.EUR, Unit.USD)

    slug = models.SlugField(
        max_length=80, unique=True, help_text=_("Lower-case words joined by hyphens.")
    )
    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_("In English."))
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=Unit)
    description = models.TextField(
        _("definition"), blank=True, help_text=_("In English: what is counted, and what is not.")
    )
    description_fr = models.TextField(_("definition in French"), blank=True)
    source = models.TextField(
        _("source"),
        blank=True,
        help_text=_("Who publishes the figures, and where (the release or table)."),
    )

    local_name = Translated(en="name", fr="name_fr")
    local_description = Translated(en="description", fr="description_fr")

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return self.local_name

    def natural_key(self):
        return (self.slug,)

    @property
    def is_amount(self) -> bool:
        return self.unit in self.AMOUNT_UNITS


EDITION_FORMAT = re.compile(r"^(?P<year>\d{4})-(?P<month>0[1-9]|1[0-2])$")


def validate_edition(value: str) -> None:
    """An edition is the month of a release, "2025-08": a real month, since NATO's first
    figures (1949), not after today."""
    match = EDITION_FORMAT.match(value or "")
    if match is None or int(match["year"]) < 1949:
        raise ValidationError(
            _("%(value)s is not an edition: give the month of the release, as 2025-08."),
            code="edition_format",
            params={"value": value},
        )
    today = clock.today()
    if (int(match["year"]), int(match["month"])) > (today.year, today.month):
        raise ValidationError(
            _("Edition %(value)s is after today: a release cannot come from the future."),
            code="edition_future",
            params={"value": value},
        )


class ReleaseQuerySet(models.QuerySet):
    def get_by_natural_key(self, edition):
        return self.get(edition=edition)


class Release(models.Model):
    """One edition of NATO's "Defence Expenditure of NATO Countries": the file as
    published (workbook or CSV), byte for byte, and when it was loaded."""

    class Format(models.TextChoices):
        XLSX = "xlsx", _("Excel workbook")
        CSV = "csv", "CSV"

    MEDIA_TYPES = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv": "text/csv",
    }

    edition = models.CharField(
        _("edition"), max_length=7, unique=True, validators=[validate_edition]
    )
    title = models.CharField(_("title"), max_length=300)
    filename = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=10, choices=Format)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64, unique=True)
    data = models.BinaryField(_("the file"))
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="releases",
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-edition"]
        verbose_name = _("release of figures")
        verbose_name_plural = _("releases of figures")

    def __str__(self):
        return f"{self.title} ({self.edition})"

    def get_absolute_url(self):
        return reverse("commitments:release_file", args=[self.edition])

    def natural_key(self):
        return (self.edition,)


class MeasurementQuerySet(models.QuerySet):
    def get_by_natural_key(self, indicator, who, year, edition, origin="nato"):
        place = models.Q(ally__iso3=who) if len(who) == 3 else models.Q(ally=None, aggregate=who)
        return self.get(place, indicator__slug=indicator, year=year, edition=edition, origin=origin)

    def counted(self):
        """Figures that may count: those not withdrawn."""
        return self.filter(withdrawn=False)

    def latest_editions(self):
        """One figure per (indicator, ally or aggregate, year): the one that counts (see
        Measurement.counting_order)."""
        same = {
            "indicator": models.OuterRef("indicator"),
            "ally": models.OuterRef("ally"),
            "aggregate": models.OuterRef("aggregate"),
            "year": models.OuterRef("year"),
        }
        counted = Measurement.objects.counted()
        official_newer = counted.filter(
            **same, origin=Measurement.Origin.NATO, edition__gt=models.OuterRef("edition")
        )
        official_any = counted.filter(**same, origin=Measurement.Origin.NATO)
        editor_newer = counted.filter(
            **same, origin=Measurement.Origin.EDITOR, edition__gt=models.OuterRef("edition")
        )
        editor_later = counted.filter(
            **same,
            origin=Measurement.Origin.EDITOR,
            edition=models.OuterRef("edition"),
            pk__gt=models.OuterRef("pk"),
        )
        official = models.Q(origin=Measurement.Origin.NATO) & ~models.Exists(official_newer)
        editorial = (
            models.Q(origin=Measurement.Origin.EDITOR)
            & ~models.Exists(official_any)
            & ~models.Exists(editor_newer)
            & ~models.Exists(editor_later)
        )
        return self.counted().filter(official | editorial)


class Measurement(models.Model):
    """A figure: an ally's, or an Alliance-wide aggregate's, for one year, from one
    edition. NATO's own figures come from its releases; an editor's figure is marked as
    the editor's, with its source, and counts only where NATO publishes none."""

    class Origin(models.TextChoices):
        NATO = "nato", _("NATO's official figure")
        EDITOR = "editor", _("editor's figure")

    class Aggregate(models.TextChoices):
        NATO_TOTAL = "nato_total", _("NATO Total")
        EUROPE_CANADA = "europe_canada", _("NATO Europe and Canada")

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="measurements",
        verbose_name=_("indicator"),
    )
    ally = models.ForeignKey(
        Ally,
        on_delete=models.PROTECT,
        verbose_name=_("ally"),
        null=True,
        blank=True,
        related_name="measurements",
        help_text=_("Empty for an Alliance-wide figure."),
    )
    aggregate = models.CharField(
        _("Alliance-wide figure"),
        max_length=20,
        choices=Aggregate,
        blank=True,
        help_text=_("Which Alliance-wide figure, when there is no ally."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    estimate = models.BooleanField(_("estimate"), default=False)
    edition = models.CharField(
        _("edition"),
        max_length=20,
        validators=[validate_edition],
        help_text=_("Release the figure comes from, e.g. 2024-06."),
    )
    source = models.TextField(_("source"))
    origin = models.CharField(_("origin"), max_length=10, choices=Origin, default=Origin.NATO)
    release = models.ForeignKey(
        Release,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("release"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measurements",
        verbose_name=_("recorded by"),
    )
    withdrawn = models.BooleanField(_("withdrawn"), default=False)
    withdrawn_reason = models.TextField(_("why it was withdrawn"), blank=True)

    objects = MeasurementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "year", "ally"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        permissions = [("withdraw_measurement", _("Can withdraw a figure"))]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "ally", "year", "edition"],
                condition=models.Q(ally__isnull=False, origin="nato"),
                name="commitments_measurement_unique_ally_edition",
            ),
            models.UniqueConstraint(
                fields=["indicator", "aggregate", "year", "edition"],
                condition=models.Q(ally__isnull=True, origin="nato"),
                name="commitments_measurement_unique_alliance_edition",
            ),
            models.CheckConstraint(
                condition=models.Q(ally__isnull=True, aggregate__in=["nato_total", "europe_canada"])
                | models.Q(ally__isnull=False, aggregate=""),
                name="commitments_measurement_ally_or_aggregate",
            ),
            models.CheckConstraint(
                condition=models.Q(origin="nato") | ~models.Q(source=""),
                name="commitments_measurement_editor_source",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn=False) | ~models.Q(withdrawn_reason=""),
                name="commitments_measurement_withdrawn_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1949, year__lte=2100),
                name="commitments_measurement_year_range",
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0), name="commitments_measurement_value_positive"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} · {self.place} · {self.year}: {self.value}"

    def save(self, *args, **kwargs):
        # A figure without an ally and without a named aggregate is the Alliance's total.
        if self.ally_id is None and not self.aggregate:
            self.aggregate = self.Aggregate.NATO_TOTAL
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        who = self.ally.iso3.lower() if self.ally_id else (self.aggregate or "nato_total")
        return reverse("commitments:figure_history", args=[self.indicator.slug, who, self.year])

    @property
    def place(self):
        """The ally, or the name of the Alliance-wide figure."""
        return self.ally or self.get_aggregate_display() or _("Alliance")

    @property
    def key(self) -> tuple[str | None, int]:
        """(ally ISO code, year); the NATO Total is the Alliance's (None), another
        aggregate has its own code."""
        if self.ally is not None:
            return (self.ally.iso3, self.year)
        if self.aggregate in ("", self.Aggregate.NATO_TOTAL):
            return (None, self.year)
        return (self.aggregate, self.year)

    @property
    def is_official(self) -> bool:
        return self.origin == self.Origin.NATO

    def counting_order(self):
        """Sort key of the figures of one (ally, year): the last one counts. NATO's
        official figures outrank every editor's figure, whatever its edition; among
        each, the newest edition, then the latest recorded."""
        return (self.is_official, self.edition, self.pk or 0)

    def natural_key(self):
        who = self.ally.iso3 if self.ally_id else self.aggregate
        return (self.indicator.slug, who, self.year, self.edition, self.origin)


class CommitmentQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_list(self):
        return self.select_related("summit", "paragraph__document", "indicator", "rule").defer(
            "paragraph__folded_text", *without_document_text("paragraph__document")
        )

    def for_rows(self):
        """For tables of commitments that show their title, meeting, target and status,
        not their words: the paragraph, its text and the editors' fields are not read."""
        return self.select_related("summit", "indicator", "rule").defer(
            "quote", "phrase", "subject", "verb", "notes", "summit__notes"
        )

    def confirmed(self):
        return self.filter(review=Commitment.Review.CONFIRMED)

    def shown(self):
        """All but rejected candidates: a rejected candidate is not a commitment, and is
        shown only where an editor asks for it by name."""
        return self.exclude(review=Commitment.Review.REJECTED)

    def binding(self, ally):
        """Commitments that bind this ally: every ally's, the Alliance's, or naming it."""
        named = Commitment.bound_allies.through.objects.filter(ally=ally).values("commitment_id")
        return self.filter(
            models.Q(bound__in=[Commitment.Bound.EACH_ALLY, Commitment.Bound.ALLIANCE])
            | models.Q(bound=Commitment.Bound.NAMED, pk__in=named)
        )

    def overdue(self, today=None):
        """Commitments whose deadline year has ended without a "met" verdict, until an
        editor decides: a final status (met, partly met, missed, superseded) recorded as
        of a day after the deadline year ends it."""
        return self.filter(overdue_condition(today or clock.today()))

    def with_overdue(self, today=None):
        """Each commitment with `is_overdue` (see overdue)."""
        return self.annotate(
            is_overdue=models.ExpressionWrapper(
                overdue_condition(today or clock.today()), output_field=models.BooleanField()
            )
        )

    def headlines(self):
        """Measurable commitments that no later confirmed one raises or replaces."""
        overtaken = Commitment.objects.filter(
            parent=models.OuterRef("pk"),
            review=Commitment.Review.CONFIRMED,
            relation__in=[Commitment.Relation.RAISES, Commitment.Relation.REPLACES],
        )
        return self.filter(indicator__isnull=False, target_value__isnull=False).exclude(
            models.Exists(overtaken)
        )


# The marks a whole sentence ends on (a paragraph ending otherwise is cut in its source).
SENTENCE_ENDS = (".", "!", "?", "…", "»", '"', "”", ")", ":")


class Commitment(models.Model):
    class Review(models.TextChoices):
        CANDIDATE = "candidate", _("Candidate")
        CONFIRMED = "confirmed", _("Confirmed")
        REJECTED = "rejected", _("Rejected")

    class Bound(models.TextChoices):
        EACH_ALLY = "each_ally", _("Each ally")
        ALLIANCE = "alliance", _("The Alliance")
        NAMED = "named", _("Named allies")

    class Comparator(models.TextChoices):
        AT_LEAST = "at_least", _("at least")
        MORE_THAN = "more_than", _("more than")
        UP_TO = "up_to", _("up to")
        AT_MOST = "at_most", _("at most")
        ABOUT = "about", _("about")
        EXACTLY = "exactly", _("exactly")

    class Unit(models.TextChoices):
        PCT_GDP = "pct_gdp", _("% of GDP")
        PCT_DEFENCE_BUDGET = "pct_defence_budget", _("% of defence expenditure")
        PERCENT = "percent", "%"
        EUR = "EUR", _("euros")
        USD = "USD", _("US dollars")

    class Status(models.TextChoices):
        NOT_RATED = "not_rated", _("Not yet rated")
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        MET = "met", _("Met")
        PARTLY_MET = "partly_met", _("Partly met")
        MISSED = "missed", _("Missed")
        SUPERSEDED = "superseded", _("Superseded")

    # The statuses in the order of what they mean: from not begun to kept, then those
    # that ended otherwise, then those no editor has rated (sorting and charts).
    STATUS_ORDER = [
        Status.NOT_STARTED,
        Status.IN_PROGRESS,
        Status.PARTLY_MET,
        Status.MET,
        Status.MISSED,
        Status.SUPERSEDED,
        Status.NOT_RATED,
    ]

    class Basis(models.TextChoices):
        """Why an editor holds the words to be a commitment (see the methodology page)."""

        PLEDGE = "pledge", _("Pledge of future action")
        DECISION = "decision", _("Decision taken at the meeting")
        TASKING = "tasking", _("Task given to a body or an official")
        REAFFIRMATION = "reaffirmation", _("Reaffirmed commitment")
        RECALLED = "recalled", _("Earlier commitment recalled")

    class Form(models.TextChoices):
        """The form of the verb group the extractor read (extraction.phrases.FORMS)."""

        COMMISSIVE = "commissive", _("present of a commissive verb")
        DECISION = "decision", _("decision taken")
        FUTURE = "future", _("future")
        PASSIVE = "passive", _("future passive")
        RESOLVE = "resolve", _("resolve")
        LIST = "list", _("item of a list whose lead commits")

    class Origin(models.TextChoices):
        EXTRACTOR = "extractor", _("proposed by the extractor")
        EDITOR = "editor", _("added by an editor")

    class Relation(models.TextChoices):
        REAFFIRMS = "reaffirms", _("reaffirms")
        RAISES = "raises", _("raises")
        REPLACES = "replaces", _("replaces")
        FOLLOWS_UP = "follows_up", _("follows up")

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(
        _("title in English"),
        max_length=300,
        blank=True,
        help_text=_("Empty in both languages: the quote's first words are shown."),
    )
    title_fr = models.CharField(_("title in French"), max_length=300, blank=True)
    summit = models.ForeignKey(
        Summit,
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text=_("The meeting where the commitment was made."),
    )
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.PROTECT,
        related_name="commitments",
        help_text=_("The paragraph whose exact words are quoted."),
    )
    quote = models.TextField(_("exact quote"))
    quote_start = models.PositiveIntegerField(_("quote start offset"))
    quote_end = models.PositiveIntegerField(_("quote end offset"))
    orphan = models.BooleanField(
        _("quote not found"),
        default=False,
        help_text=_(
            "A corrected text no longer holds the quoted words: the commitment stays on the "
            "text it quotes until an editor places it again."
        ),
    )
    category = models.CharField(_("category"), max_length=30, choices=Category)
    bound = models.CharField(_("who is bound"), max_length=20, choices=Bound)
    bound_allies = models.ManyToManyField(
        Ally, blank=True, related_name="named_commitments", verbose_name=_("named allies")
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
        verbose_name=_("indicator"),
    )
    comparator = models.CharField(_("comparator"), max_length=20, choices=Comparator, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField(_("unit"), max_length=20, choices=Unit, blank=True)
    target_text = models.CharField(_("target as written"), max_length=300, blank=True)
    deadline_year = models.PositiveSmallIntegerField(_("deadline"), null=True, blank=True)
    deadline_text = models.CharField(_("deadline as written"), max_length=200, blank=True)
    recurring = models.BooleanField(
        _("every year"), default=False, help_text=_("The target applies to every year.")
    )
    review = models.CharField(_("review"), max_length=20, choices=Review, default=Review.CANDIDATE)
    status = models.CharField(
        _("current status"),
        max_length=20,
        choices=Status,
        default=Status.NOT_RATED,
        help_text=_("The status of the latest status change."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("earlier commitment"),
    )
    relation = models.CharField(_("relation to it"), max_length=20, choices=Relation, blank=True)
    basis = models.CharField(
        _("why it is a commitment"),
        max_length=20,
        choices=Basis,
        blank=True,
        help_text=_("The ground of the methodology on which it is held a commitment."),
    )
    phrase = models.CharField(_("commitment phrase found"), max_length=200, blank=True)
    subject = models.CharField(_("subject read"), max_length=200, blank=True)
    verb = models.CharField(_("verb group read"), max_length=200, blank=True)
    form = models.CharField(_("form of the verb group"), max_length=20, choices=Form, blank=True)
    origin = models.CharField(
        _("origin"),
        max_length=20,
        choices=Origin,
        default=Origin.EXTRACTOR,
        help_text=_(
            "An editor's addition is a sentence the extractor missed: "
            "export_corpus_cases turns it into a test case."
        ),
    )
    confidence = models.FloatField(_("extractor confidence"), default=0)
    notes = models.TextField(_("editorial notes in English"), blank=True)
    notes_fr = models.TextField(_("editorial notes in French"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    # An editor's title and notes in the reader's language, else the other;
    # `own_title.field_for("fr")` is the field of a language's title.
    own_title = Translated(en="title", fr="title_fr")
    local_notes = Translated(en="notes", fr="notes_fr")

    objects = CommitmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["summit__started_on", "paragraph__document", "paragraph__position", "pk"]
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        permissions = [
            ("restore_commitment", _("Can restore an earlier version of a commitment")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "quote_start", "quote_end"],
                name="commitments_commitment_unique_quote",
            ),
            models.CheckConstraint(
                condition=models.Q(quote_end__gt=models.F("quote_start")),
                name="commitments_commitment_quote_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(target_value__isnull=True) | models.Q(target_value__gte=0),
                name="commitments_commitment_target_positive",
            ),
            models.CheckConstraint(
                condition=models.Q(deadline_year__isnull=True)
                | models.Q(deadline_year__gte=1949, deadline_year__lte=2100),
                name="commitments_commitment_deadline_range",
            ),
            models.CheckConstraint(
                condition=models.Q(parent__isnull=True) | ~models.Q(relation=""),
                name="commitments_commitment_lineage_has_relation",
            ),
        ]
        indexes = [
            # What pages filter commitments by, so that choosing them reads this index,
            # not every row with its text (an ally's page).
            models.Index(
                fields=["review", "bound", "indicator", "target_value", "summit"],
                name="commitments_commitment_shown",
            ),
        ]

    def __str__(self):
        return self.local_title

    def get_absolute_url(self):
        return reverse("commitments:detail", args=[self.slug])

    @property
    def quote_cut(self) -> bool:
        """The quote runs to the end of a paragraph that the source cuts mid-sentence
        (its text stops without a sentence's last mark)."""
        text = self.paragraph.text.rstrip()
        return self.quote_end >= len(text) and not text.endswith(SENTENCE_ENDS)

    @property
    def plain_title(self) -> str:
        """A title for where no mark fits (a list's option, a tooltip): the reader's
        language's, else the quote's first words when the text is in that language,
        else the other language's."""
        title = self.own_title
        if title and not title.is_fallback:
            return title
        if self.paragraph.document.language == active_language():
            from .candidates import auto_title

            return auto_title(self.quote)
        return self.local_title

    @property
    def local_title(self) -> Localized:
        """The title in the reader's language, else in the other, else the quote's first
        words (in the language of its text)."""
        title = self.own_title
        if title:
            return title
        from .candidates import auto_title

        return Localized(auto_title(self.quote), self.paragraph.document.language)

    def natural_key(self):
        return (self.slug,)

    @property
    def has_target(self):
        return self.target_value is not None

    @classmethod
    def status_rank(cls):
        """The position of the status in STATUS_ORDER, to sort by."""
        return models.Case(
            *(
                models.When(status=status, then=rank)
                for rank, status in enumerate(cls.STATUS_ORDER)
            ),
            default=len(cls.STATUS_ORDER),
            output_field=models.IntegerField(),
        )

    def deadline_passed(self, today=None) -> bool:
        """Whether the deadline year has ended."""
        today = today or clock.today()
        return self.deadline_year is not None and self.deadline_year < today.year

    def deadline_coming(self, today=None) -> bool:
        today = today or clock.today()
        return self.deadline_year is not None and self.deadline_year >= today.year

    def meets(self, value: Decimal) -> bool:
        """Whether a measured value meets this commitment's target."""
        target = self.target_value
        if target is None:
            return False
        match self.comparator:
            case self.Comparator.MORE_THAN:
                return value > target
            case self.Comparator.UP_TO | self.Comparator.AT_MOST:
                return value <= target
            case _:
                return value >= target


class StatusChangeQuerySet(models.QuerySet):
    def get_by_natural_key(self, commitment, as_of, status):
        return self.get(commitment__slug=commitment, as_of=as_of, status=status)


class StatusChange(models.Model):
    commitment = models.ForeignKey(
        Commitment, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("status"), max_length=20, choices=Commitment.Status)
    as_of = models.DateField(_("as of"))
    rationale = models.TextField(_("rationale"))
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    source_paragraph = models.ForeignKey(
        Paragraph, on_delete=models.PROTECT, null=True, blank=True, related_name="status_changes"
    )
    source_text = models.CharField(_("source"), max_length=300, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="status_changes",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = StatusChangeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["commitment", "as_of", "pk"]
        get_latest_by = ["as_of", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        constraints = [
            models.UniqueConstraint(
                fields=["commitment", "as_of", "status"],
                name="commitments_statuschange_unique_day",
            ),
        ]

    def __str__(self):
        return f"{self.commitment}: {self.get_status_display()} ({self.as_of})"

    def natural_key(self):
        return (*self.commitment.natural_key(), self.as_of.isoformat(), self.status)

    natural_key.dependencies = ["commitments.commitment"]  # type: ignore[attr-defined]


# Money pledged and delivered ---------------------------------------------------------------


class ContributionQuerySet(models.QuerySet):
    def get_by_natural_key(self, indicator, ally, contributor, kind, made_on, amount):
        return self.get(
            indicator__slug=indicator,
            ally__iso3=ally,
            contributor=contributor,
            kind=kind,
            made_on=made_on,
            amount=amount,
        )

    def for_tally(self):
        return self.select_related("ally", "paragraph__document").defer(
            "paragraph__folded_text", *without_document_text("paragraph__document")
        )


class Contribution(models.Model):
    """Money an ally (or a partner, or all contributors together as a text states it)
    pledged or delivered towards an amount indicator, dated and sourced: the way the
    Kiel Institute's Ukraine Support Tracker records aid."""

    class Kind(models.TextChoices):
        PLEDGED = "pledged", _("pledged")
        DELIVERED = "delivered", _("delivered")

    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="contributions",
        verbose_name=_("indicator"),
        help_text=_("An indicator counted in money (euros or US dollars)."),
    )
    ally = models.ForeignKey(
        Ally,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("ally"),
    )
    contributor = models.CharField(
        _("other contributor"),
        max_length=200,
        blank=True,
        help_text=_("A partner that is not an ally; empty with no ally: all contributors."),
    )
    kind = models.CharField(_("pledged or delivered"), max_length=20, choices=Kind)
    made_on = models.DateField(_("date"))
    qualifier = models.CharField(
        _("as written"),
        max_length=20,
        choices=Commitment.Comparator,
        default=Commitment.Comparator.EXACTLY,
        help_text=_("“more than”, “at least”, “up to”: kept as the source says it."),
    )
    amount = models.DecimalField(_("amount"), max_digits=16, decimal_places=2)
    cumulative = models.BooleanField(
        _("total to date"),
        default=False,
        help_text=_(
            "A total of every contribution up to its date (as a text states it), not one "
            "contribution: the contributions dated after it add to it."
        ),
    )
    source = models.TextField(_("source"))
    source_url = models.URLField(_("source address"), max_length=500, blank=True)
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("paragraph stating it"),
    )
    stated_text = models.CharField(_("words of the text"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = ContributionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "made_on", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="commitments_contribution_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(ally__isnull=True) | models.Q(contributor=""),
                name="commitments_contribution_ally_or_contributor",
            ),
            models.UniqueConstraint(
                fields=["indicator", "ally", "kind", "made_on", "amount"],
                condition=models.Q(ally__isnull=False),
                name="commitments_contribution_unique_ally",
            ),
            models.UniqueConstraint(
                fields=["indicator", "contributor", "kind", "made_on", "amount"],
                condition=models.Q(ally__isnull=True),
                name="commitments_contribution_unique_other",
            ),
        ]

    def __str__(self):
        return (
            f"{self.contributor_name} · {self.get_kind_display()} · {self.made_on}: {self.amount}"
        )

    def natural_key(self):
        return (
            self.indicator.slug,
            self.ally.iso3 if self.ally_id else None,
            self.contributor,
            self.kind,
            self.made_on.isoformat(),
            str(self.amount),
        )

    natural_key.dependencies = ["commitments.indicator", "commitments.ally"]  # type: ignore[attr-defined]

    @property
    def contributor_name(self) -> str:
        if self.ally is not None:
            return self.ally.name
        return self.contributor or str(_("All contributors"))

    def clean(self):
        if self.indicator_id and not self.indicator.is_amount:
            raise ValidationError(
                {"indicator": _("Contributions are counted in money: choose an amount indicator.")}
            )


# Statuses that settle a commitment whose deadline has passed, once recorded after it.
FINAL_STATUSES = (
    Commitment.Status.MET,
    Commitment.Status.PARTLY_MET,
    Commitment.Status.MISSED,
    Commitment.Status.SUPERSEDED,
)


def overdue_condition(today) -> models.Q:
    """The deadline year ended before `today`'s year, the commitment is neither met nor
    superseded, and no final status was recorded as of a day after the deadline year."""
    decided = StatusChange.objects.filter(
        commitment=models.OuterRef("pk"),
        status__in=FINAL_STATUSES,
        as_of__year__gt=models.OuterRef("deadline_year"),
    )
    return (
        models.Q(deadline_year__lt=today.year)
        & ~models.Q(status__in=[Commitment.Status.MET, Commitment.Status.SUPERSEDED])
        & ~models.Q(models.Exists(decided))
    )


# Assessment rules and cycles -------------------------------------------------------------


class AssessmentRuleQuerySet(models.QuerySet):
    def get_by_natural_key(self, commitment):
        return self.get(commitment__slug=commitment)


class AssessmentRule(models.Model):
    """How a measurable target is scored from figures, stated as data (scoring.py reads
    it; the commitment page and the methodology show it)."""

    class AssessedYear(models.TextChoices):
        DEADLINE = "deadline", _("the deadline year's figure (the latest before it is published)")
        LATEST = "latest", _("the latest figure")

    class SingleFigure(models.TextChoices):
        NO_SCORE = "no_score", _("no score: a trend cannot be read from one figure")
        LEVEL = "level", _("scored on its level alone: −1 below the target")

    commitment = models.OneToOneField(
        Commitment, on_delete=models.CASCADE, related_name="rule", verbose_name=_("commitment")
    )
    assessed_year = models.CharField(
        _("year assessed"), max_length=20, choices=AssessedYear, default=AssessedYear.LATEST
    )
    partial_rise = models.DecimalField(
        _("rise that counts as partial, per year"),
        max_digits=8,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "Below the target, a figure that rose by at least this much a year since the "
            "first figure after the commitment scores 0; empty: no partial score."
        ),
    )
    single_figure = models.CharField(
        _("with one figure only"),
        max_length=20,
        choices=SingleFigure,
        default=SingleFigure.NO_SCORE,
    )
    precision = models.DecimalField(
        _("published precision"),
        max_digits=6,
        decimal_places=3,
        default=Decimal("0.01"),
        help_text=_(
            "NATO's figures are compared at the precision it publishes them: a crossing of "
            "the target by less than this is not a change."
        ),
    )
    notes = models.TextField(_("why this rule"), blank=True)

    objects = AssessmentRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment rule")
        verbose_name_plural = _("assessment rules")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(precision__gt=0), name="commitments_assessmentrule_precision"
            ),
            models.CheckConstraint(
                condition=models.Q(partial_rise__isnull=True) | models.Q(partial_rise__gt=0),
                name="commitments_assessmentrule_partial_rise_positive",
            ),
        ]

    def __str__(self):
        return f"{self.commitment}: {self.get_assessed_year_display()}"

    def natural_key(self):
        return self.commitment.natural_key()

    natural_key.dependencies = ["commitments.commitment"]  # type: ignore[attr-defined]


class AssessmentCycleQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=AssessmentCycle.State.PUBLISHED)

    def visible_to(self, user):
        """Published cycles; drafts too for those who may assess."""
        if user.has_perm("commitments.change_assessment"):
            return self
        return self.published()

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class AssessmentCycle(models.Model):
    """An interim or final assessment of a summit's priority commitments over a period,
    as the G7 Research Group makes them; published as a report."""

    class Kind(models.TextChoices):
        INTERIM = "interim", _("Interim")
        FINAL = "final", _("Final")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300)
    summit = models.ForeignKey(
        Summit, on_delete=models.PROTECT, related_name="assessment_cycles", verbose_name=_("summit")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.INTERIM)
    starts_on = models.DateField(_("period from"))
    ends_on = models.DateField(_("period to"))
    commitments = models.ManyToManyField(
        Commitment, related_name="assessment_cycles", verbose_name=_("priority commitments")
    )
    introduction = models.TextField(_("introduction"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State, default=State.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessment_cycles",
    )
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)

    objects = AssessmentCycleQuerySet.as_manager()

    class Meta:
        ordering = ["-ends_on", "pk"]
        verbose_name = _("assessment cycle")
        verbose_name_plural = _("assessment cycles")
        permissions = [("publish_assessmentcycle", _("Can publish an assessment cycle"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="commitments_assessmentcycle_period",
            ),
            models.CheckConstraint(
                condition=models.Q(state="draft") | models.Q(published_at__isnull=False),
                name="commitments_assessmentcycle_published_at",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("commitments:assessment", args=[self.slug])

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.state == self.State.PUBLISHED


class AssessmentQuerySet(models.QuerySet):
    def for_report(self):
        return self.select_related("commitment__summit", "ally", "author").prefetch_related(
            models.Prefetch(
                "sources",
                queryset=AssessmentSource.objects.select_related("paragraph__document").defer(
                    "paragraph__folded_text", *without_document_text("paragraph__document")
                ),
            )
        )


class Assessment(models.Model):
    """One score of a cycle: a commitment, and the ally it binds (none for a commitment
    of the Alliance as a whole), with the reasoning and its sources."""

    class Score(models.IntegerChoices):
        FULL = 1, _("+1 full compliance")
        PARTIAL = 0, _("0 partial compliance, or work in progress")
        NONE = -1, _("−1 no compliance")

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="assessments")
    commitment = models.ForeignKey(Commitment, on_delete=models.PROTECT, related_name="assessments")
    ally = models.ForeignKey(
        Ally, on_delete=models.PROTECT, null=True, blank=True, related_name="assessments"
    )
    score = models.SmallIntegerField(_("score"), choices=Score, null=True, blank=True)
    rationale = models.TextField(_("reasoning"), blank=True)
    automatic_score = models.SmallIntegerField(
        _("score from the figures"), choices=Score, null=True, blank=True
    )
    automatic_reason = models.CharField(_("what the figures say"), max_length=300, blank=True)
    override_reason = models.TextField(_("why the score differs from the figures"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = AssessmentQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ["cycle", "commitment__summit__started_on", "commitment", "ally__name_en"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "commitment", "ally"],
                condition=models.Q(ally__isnull=False),
                name="commitments_assessment_unique_ally",
            ),
            models.UniqueConstraint(
                fields=["cycle", "commitment"],
                condition=models.Q(ally__isnull=True),
                name="commitments_assessment_unique_alliance",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=-1, score__lte=1),
                name="commitments_assessment_score_scale",
            ),
        ]

    def __str__(self):
        who = self.ally or _("Alliance")
        return f"{self.cycle} · {self.commitment} · {who}"

    @property
    def is_automatic(self) -> bool:
        """The score is the figures' own, and no editor changed it."""
        return (
            self.automatic_score is not None
            and self.score == self.automatic_score
            and not self.override_reason
        )

    @property
    def is_override(self) -> bool:
        return bool(self.override_reason) and self.score != self.automatic_score

    @property
    def is_decided(self) -> bool:
        """Ready to publish: a score from the figures, or an editor's reasoning."""
        return self.is_automatic or bool(self.rationale.strip())


class AssessmentSource(models.Model):
    """A source of an assessment: an address, a paragraph of a loaded text, or both, with
    what it says."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="sources")
    url = models.URLField(_("address"), max_length=500, blank=True)
    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessment_sources",
        verbose_name=_("paragraph"),
    )
    text = models.CharField(_("what it says"), max_length=500, blank=True)

    class Meta:
        ordering = ["assessment", "pk"]
        verbose_name = _("assessment source")
        verbose_name_plural = _("assessment sources")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(url="") | models.Q(paragraph__isnull=False),
                name="commitments_assessmentsource_url_or_paragraph",
            ),
        ]

    def __str__(self):
        return self.text or self.url or str(self.paragraph)
