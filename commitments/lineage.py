"""A commitment's line across summits: what it reaffirms, raises or replaces, and after.

The line is the whole family: the oldest commitment it descends from and everything
that descends from that one, grouped by meeting in date order. After the last meeting
of the line come the later summits: those whose text is loaded but carry nothing of the
line yet, up to the next meeting whose text is not loaded (its commitments arrive when
its text is loaded).
"""

from dataclasses import dataclass, field

from django.db import connections
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


# Walking the links in the database, a family at a time (a tracker since 1949 has
# thousands of links; a family, a handful). `up` climbs from the given commitments
# through the parents that are not rejected.
_UP = """
up(id, parent_id) AS (
    SELECT id, parent_id FROM {table} WHERE id IN ({start})
    UNION
    SELECT c.id, c.parent_id FROM {table} c JOIN up ON c.id = up.parent_id
    WHERE c.review <> %s
)"""
_FAMILY = (
    "WITH RECURSIVE"
    + _UP
    + """,
root(id) AS (
    SELECT id FROM up WHERE parent_id IS NULL OR parent_id NOT IN (SELECT id FROM up)
),
down(id) AS (
    SELECT id FROM root
    UNION
    SELECT c.id FROM {table} c JOIN down ON c.parent_id = down.id
    WHERE c.review <> %s OR c.id = %s
)
SELECT id FROM down"""
)


def ancestor_links(pks) -> dict[int, int | None]:
    """id -> parent id of these commitments and of their ancestors, climbing through
    those that are not rejected: what scoring.distinct_targets needs to find each
    one's root (one recursive query, not every link)."""
    pks = [int(pk) for pk in pks]
    if not pks:
        return {}
    sql = "WITH RECURSIVE" + _UP + " SELECT id, parent_id FROM up"
    sql = sql.format(table=Commitment._meta.db_table, start=", ".join(["%s"] * len(pks)))
    with connections[Commitment.objects.db].cursor() as cursor:
        cursor.execute(sql, [*pks, Commitment.Review.REJECTED])
        return dict(cursor.fetchall())


def family_of(commitment: Commitment) -> list[int]:
    """The ids of the commitment's family: its oldest ancestor that is not rejected and
    every commitment descending from it, but rejected ones (the commitment itself
    always). One recursive query."""
    sql = _FAMILY.format(table=Commitment._meta.db_table, start="%s")
    rejected = Commitment.Review.REJECTED
    with connections[Commitment.objects.db].cursor() as cursor:
        cursor.execute(sql, [commitment.pk, rejected, rejected, commitment.pk])
        family = [row[0] for row in cursor.fetchall()]
    return family or [commitment.pk]  # a loop of links has no oldest one


def lineage_of(commitment: Commitment) -> Lineage:
    # The family's ids first, in the database, then the family's commitments only.
    family = family_of(commitment)
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
