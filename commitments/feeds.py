"""Atom feeds (Django's syndication framework) of what changes: new documents, status
changes and published assessments, for the whole tracker, one commitment or one ally.

Each entry has its own id (the address of the change on its page), an author (the
editor, else the tracker) and the time it was recorded.
"""

from dataclasses import dataclass
from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nato_tracker.people import display_name
from summits.models import Document

from .models import Ally, AssessmentCycle, Commitment, StatusChange

FEED_LENGTH = 50
TRACKER = "NATO commitment tracker"


@dataclass(frozen=True)
class Item:
    title: str
    link: str
    description: str
    updated: datetime
    author: str = ""


def _document_items(documents):
    return [
        Item(
            _("New text: %(title)s") % {"title": d.title},
            d.get_absolute_url(),
            f"{d.summit.local_name} {d.summit.year} · {d.get_kind_display()}",
            d.loaded_at,
        )
        for d in documents
    ]


def _status_items(changes):
    return [
        Item(
            _("%(title)s: %(status)s as of %(day)s")
            % {"title": c.commitment.local_title, "status": c.get_status_display(), "day": c.as_of},
            f"{c.commitment.get_absolute_url()}#status-{c.pk}",
            c.rationale,
            c.created_at,
            display_name(c.author),
        )
        for c in changes
    ]


def _cycle_items(cycles):
    return [
        Item(
            _("Assessment published: %(title)s") % {"title": c.title},
            c.get_absolute_url(),
            _("%(kind)s assessment of the %(summit)s, %(start)s to %(end)s")
            % {
                "kind": c.get_kind_display(),
                "summit": c.summit.local_name,
                "start": c.starts_on,
                "end": c.ends_on,
            },
            c.published_at or timezone.make_aware(datetime.combine(c.ends_on, time())),
        )
        for c in cycles
    ]


def _latest(items):
    return sorted(items, key=lambda item: item.updated, reverse=True)[:FEED_LENGTH]


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    author_name = TRACKER

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return None

    def item_title(self, item):
        return item.title

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.link)

    def item_description(self, item):
        return item.description

    def item_updateddate(self, item):
        return item.updated

    def item_pubdate(self, item):
        return item.updated

    def item_author_name(self, item):
        return item.author or None


class TrackerFeed(ChangesFeed):
    title = gettext_lazy("NATO commitment tracker: what changed")
    subtitle = gettext_lazy("New texts, status changes and published assessments.")

    def link(self):
        return "/"

    def items(self):
        documents = Document.objects.without_text().select_related("summit")
        changes = StatusChange.objects.select_related("commitment", "author").exclude(
            commitment__review=Commitment.Review.REJECTED
        )
        published = AssessmentCycle.objects.published().select_related("summit")
        return _latest(
            _document_items(documents.order_by("-loaded_at")[:FEED_LENGTH])
            + _status_items(changes.order_by("-created_at", "-pk")[:FEED_LENGTH])
            + _cycle_items(published.order_by("-published_at")[:FEED_LENGTH])
        )


class CommitmentFeed(ChangesFeed):
    def get_object(self, request, slug):
        self.request = request
        return get_object_or_404(Commitment, slug=slug)

    def title(self, obj):
        return _("%(title)s: what changed") % {"title": obj.local_title}

    def subtitle(self, obj):
        return _("Status changes and published assessments of this commitment.")

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        changes = obj.status_changes.select_related("commitment", "author")
        published = obj.assessment_cycles.published().select_related("summit")
        return _latest(
            _status_items(changes.order_by("-created_at", "-pk")[:FEED_LENGTH])
            + _cycle_items(published.order_by("-published_at")[:FEED_LENGTH])
        )


class AllyFeed(ChangesFeed):
    def get_object(self, request, iso3):
        self.request = request
        return get_object_or_404(Ally, iso3=iso3.upper())

    def title(self, obj):
        return _("%(ally)s: what changed") % {"ally": obj.name}

    def subtitle(self, obj):
        return _(
            "Status changes of the commitments binding each ally or naming this one, and "
            "the published assessments that score it."
        )

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        binding = Q(commitment__bound=Commitment.Bound.EACH_ALLY) | Q(
            commitment__bound=Commitment.Bound.NAMED, commitment__bound_allies=obj
        )
        changes = (
            StatusChange.objects.filter(binding)
            .exclude(commitment__review=Commitment.Review.REJECTED)
            .select_related("commitment", "author")
            .distinct()
        )
        published = (
            AssessmentCycle.objects.published()
            .filter(assessments__ally=obj)
            .select_related("summit")
            .distinct()
        )
        return _latest(
            _status_items(changes.order_by("-created_at", "-pk")[:FEED_LENGTH])
            + _cycle_items(published.order_by("-published_at")[:FEED_LENGTH])
        )
