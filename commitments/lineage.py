"""A commitment's line across summits: what it reaffirms, raises or replaces, and after.

The line is the whole family: the oldest commitment it descends from and everything
that descends from that one, grouped by meeting in date order. After the last meeting
of the line come the later summits: those whose text is loaded but carry nothing of the
line yet, up to the next meeting whose text is not loaded (its commitments arrive when
its text is loaded).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from summits.models import Summit

from .models import Commitment


@dataclass
class Step:
    summit: Summit
    commitments: list[Commitment] = field(default_factory=list)


@dataclass
class Lineage:
    commitment: Commitment
    members: list[Commitment]
    steps: list[Step]
    later: list[Summit]

    def __len__(self):
        return len(self.members)

    def __contains__(self, other):
        return any(member.pk == other.pk for member in self.members)

    @property
    def root(self):
        return self.members[0]


def linked_commitments():
    """Every commitment that has an earlier one or a later one, but rejected ones."""
    parents = Commitment.objects.filter(parent__isnull=False).values("parent_id")
    return (
        Commitment.objects.filter(Q(parent__isnull=False) | Q(pk__in=parents))
        .exclude(review=Commitment.Review.REJECTED)
        .select_related("summit", "parent__summit")
    )


def lineage_of(commitment: Commitment) -> Lineage:
    by_pk = {c.pk: c for c in linked_commitments()}
    by_pk.setdefault(commitment.pk, commitment)
    children: dict[int, list[Commitment]] = {}
    for item in by_pk.values():
        if item.parent_id in by_pk:
            children.setdefault(item.parent_id, []).append(item)
    root = by_pk[commitment.pk]
    seen = {root.pk}
    while root.parent_id in by_pk and root.parent_id not in seen:
        root = by_pk[root.parent_id]
        seen.add(root.pk)
    members = []
    queue = [root]
    visited = set()
    while queue:
        item = queue.pop(0)
        if item.pk in visited:
            continue
        visited.add(item.pk)
        members.append(item)
        queue.extend(children.get(item.pk, []))
    members.sort(key=lambda c: (c.summit.started_on, c.pk))
    steps: list[Step] = []
    for member in members:
        if not steps or steps[-1].summit.pk != member.summit_id:
            steps.append(Step(member.summit))
        steps[-1].commitments.append(member)
    return Lineage(commitment, members, steps, later_summits(steps[-1].summit))


def later_summits(after: Summit) -> list[Summit]:
    """Summits after `after`, up to and including the first one without a loaded text."""
    later = []
    summits = (
        Summit.objects.filter(kind=Summit.Kind.SUMMIT, started_on__gt=after.started_on)
        .annotate(document_count=Count("documents"))
        .order_by("started_on")
    )
    for summit in summits:
        later.append(summit)
        if not summit.document_count:
            break
    return later
