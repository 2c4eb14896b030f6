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
    # The links alone first (two integers a row: a tracker since 1949 has thousands),
    # then the family's commitments only.
    parent_of = dict(linked_commitments().values_list("pk", "parent_id"))
    parent_of.setdefault(commitment.pk, commitment.parent_id)
    children: dict[int, list[int]] = {}
    for pk, parent_id in sorted(parent_of.items()):
        if parent_id in parent_of:
            children.setdefault(parent_id, []).append(pk)
    root = commitment.pk
    seen = {root}
    while parent_of[root] in parent_of and parent_of[root] not in seen:
        root = parent_of[root]
        seen.add(root)
    family = []
    queue = [root]
    visited = set()
    while queue:
        pk = queue.pop(0)
        if pk in visited:
            continue
        visited.add(pk)
        family.append(pk)
        queue.extend(children.get(pk, []))
    by_pk = linked_commitments().in_bulk(family)
    by_pk.setdefault(commitment.pk, commitment)
    members = [by_pk[pk] for pk in family]
    members.sort(key=lambda c: (c.summit.started_on, c.pk))
    steps: list[Step] = []
    for member in members:
        if not steps or steps[-1].summit.pk != member.summit_id:
            steps.append(Step(member.summit))
        steps[-1].commitments.append(member)
    return Lineage(commitment, members, steps, later_summits(steps[-1].summit))


def later_summits(after: Summit) -> list[Summit]:
    """Summits after `after`, up to and including the first one without a loaded text."""
    later: list[Summit] = []
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
