from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from commitments.models import Commitment
from nato_tracker.languages import colon
from summits.models import Paragraph


class AnnotationQuerySet(models.QuerySet):
    def for_reader(self):
        return self.select_related("author").order_by("paragraph_id", "start", "pk")

    def orphans(self):
        return self.filter(orphan=True)


class Annotation(models.Model):
    """An editor's note on a span of a paragraph.

    The span is kept as the exact quote, its offsets and a little text on each side, so
    that it can be found again when the paragraph's text is corrected; an annotation
    whose quote can no longer be found is marked as an orphan, never dropped.
    """

    paragraph = models.ForeignKey(
        Paragraph,
        on_delete=models.PROTECT,
        related_name="annotations",
        verbose_name=_("paragraph"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="annotations",
        verbose_name=_("author"),
    )
    body = models.TextField(_("note"))
    quote = models.TextField(_("quoted text"))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    prefix = models.CharField(_("text before"), max_length=64, blank=True)
    suffix = models.CharField(_("text after"), max_length=64, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="annotations",
        verbose_name=_("commitment"),
    )
    orphan = models.BooleanField(
        _("quote not found"),
        default=False,
        help_text=_("The quoted words are no longer in the paragraph's text."),
    )
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = AnnotationQuerySet.as_manager()
    history = HistoricalRecords()

    SUGGESTED_TAGS = ["engagement", "réaffirmation", "chiffre", "échéance", "défaut de source"]

    class Meta:
        ordering = ["paragraph_id", "start", "pk"]
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        permissions = [
            ("moderate_annotation", _("Can edit, delete and restore anyone's annotation")),
        ]
        indexes = [
            # The home page lists the most recent annotations (reader.views.home).
            models.Index(fields=["-created_at", "-id"], name="reader_annotation_recent"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")),
                name="reader_annotation_span_not_empty",
            ),
        ]

    def __str__(self):
        return f"{self.paragraph}{colon()} {self.quote[:40]}"

    def get_absolute_url(self):
        return self.paragraph.get_absolute_url()

    def clean(self):
        if self.paragraph_id and not self.orphan:
            if self.paragraph.text[self.start : self.end] != self.quote:
                raise ValidationError(
                    {"quote": _("These words are not at this place in the paragraph.")}
                )

    def can_change(self, user) -> bool:
        """Editors change their own annotations; moderators (admins) anyone's."""
        if user.has_perm("reader.moderate_annotation"):
            return True
        return user.pk == self.author_id and user.has_perm("reader.change_annotation")

    def can_delete(self, user) -> bool:
        if user.has_perm("reader.moderate_annotation"):
            return True
        return user.pk == self.author_id and user.has_perm("reader.delete_annotation")
