"""Every address of the app, filled with real objects and with hostile values, as an
anonymous visitor, an editor and an admin, GET and POST: no answer is a server error.

The addresses come from the URLconf itself, and the parameters from the filter sets,
the forms and the views' own reads of request.GET and request.POST: a page added
later is walked with no change here. Each request runs in a savepoint rolled back
after it, so that one request's writes (or a failed query on PostgreSQL) do not change
what the next one sees, and a streamed export is read to its end.
"""

import copy
import itertools
import logging
import re
import traceback
from pathlib import Path
from urllib.parse import quote

import django_filters
import pytest
from django import forms
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from commitments import assessments as cycles
from commitments.models import Assessment, AssessmentCycle, Commitment
from nato_tracker import history
from reader.models import Annotation
from summits.models import Document, Paragraph, Summit
from tests.factories import make_admin, make_annotation, make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
APPS = ("nato_tracker", "summits", "commitments", "reader", "imports")
# What an attacker or a broken client sends: digits int() refuses, numbers out of every
# range, negative, zero, markup and SQL; then, refused by the middleware from an address
# but reaching the views in a form, a NUL (PostgreSQL refuses it) and an over-long value.
DEEP = ["²", "0", "-1", "99999999999999999999", "1' OR '1'='1 <script>alert(1)</script>"]
NUL, LONG = "\x00", "x" * 20_000
HOSTILE = [*DEEP, NUL, LONG]
PATH_HOSTILE = [*DEEP, NUL, "y" * 2000]
# Where the walk goes less deep: values met the same way by every pattern.
LIGHT_PATH = ["²", "99999999999999999999"]
_CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")
# What the views read from request.GET / request.POST by name.
_READ = re.compile(r"""(?:GET|POST)(?:\.get|\.getlist|\.pop)?\s*[(\[]\s*["'](\w+)["']""")
_IN = re.compile(r"""["'](\w+)["']\s+in\s+(?:request\.)?(?:GET|POST)""")


def patterns(urlpatterns=None, prefix="", namespace=""):
    """(route, pattern, qualified name) of every URL pattern, includes unfolded."""
    for entry in get_resolver().url_patterns if urlpatterns is None else urlpatterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), entry, name


def parameter_names() -> list[str]:
    """Every parameter name the app reads: filters, form fields, views' own reads."""
    names = {"page", "next", "q", "o", "p", "_changelist_filters"}  # Django's own, too
    for filterset in _subclasses(django_filters.FilterSet):
        names.update(filterset.base_filters)
    for form in _subclasses(forms.BaseForm):
        if form.__module__.split(".")[0] in APPS:
            names.update(getattr(form, "base_fields", {}))
    for app in APPS:
        for source in (ROOT / app).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            names.update(_READ.findall(text))
            names.update(_IN.findall(text))
    return sorted(names)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def real_values() -> dict[str, list[str]]:
    """For each converter name, values naming real objects of the seed data (and those
    made by `world`); a pattern is tried with each, the first that answers is walked."""
    commitment = Commitment.objects.confirmed().order_by("pk").first()
    paragraph = commitment.paragraph
    annotation = Annotation.objects.order_by("pk").first()
    cycle = AssessmentCycle.objects.order_by("pk").first()
    return {
        "slug": [
            commitment.slug,
            paragraph.document.slug,
            paragraph.document.summit.slug,
            cycle.slug,
        ],
        "pk": [str(paragraph.pk), str(annotation.pk), str(cycle.assessments.first().pk)],
        "history_id": [
            str(Commitment.history.filter(id=commitment.pk).first().history_id),
            str(Annotation.history.filter(id=annotation.pk).first().history_id),
        ],
        "iso3": ["POL", "fra"],
        "anchor": [paragraph.anchor],
        "fmt": ["csv", "json"],
        "app_label": ["summits"],
    }


@pytest.fixture
def world(today):
    """The seed data, with what it lacks for some pages: a note and an assessment cycle."""
    today("2026-12-01")
    editor = make_user("Editors", username="fuzz-editor")
    paragraph = Paragraph.objects.filter(commitments__isnull=False).order_by("pk").first()
    make_annotation(paragraph=paragraph, author=editor)
    summit = Summit.objects.get(slug="vilnius-2023")
    cycles.open_cycle(
        summit=summit,
        kind=AssessmentCycle.Kind.INTERIM,
        starts_on=summit.started_on,
        ends_on=summit.started_on.replace(year=summit.started_on.year + 1),
        title="Fuzz cycle",
        commitments=list(Commitment.objects.confirmed().filter(summit=summit)[:2]),
        user=editor,
    )
    history.ensure_baseline(Commitment, Commitment.objects.confirmed().order_by("pk").first().pk)
    assert Document.objects.exists() and Assessment.objects.exists()
    return {
        "anonymous": None,
        "editor": editor,
        "admin": make_admin(username="fuzz-admin"),
    }


def fill(route: str, values: dict[str, str]) -> str:
    """The route with each converter replaced by its value, percent-encoded."""
    return "/" + _CONVERTER.sub(lambda m: quote(values[m["name"]], safe=""), route)


def real_paths(route, entry, name, pool) -> list[str]:
    """The pattern filled with real values, in every combination the pools give."""
    if isinstance(entry.pattern, RoutePattern):
        names = [m["name"] for m in _CONVERTER.finditer(route)]
        combos = itertools.product(*(pool.get(n, ["1"]) for n in names))
        return [fill(route, dict(zip(names, combo, strict=True))) for combo in combos]
    regex = entry.pattern.regex
    if name is None:  # the admin's catch-all
        return ["/" + route.split("(")[0] + "no-such-page/"]
    if regex.groupindex:
        kwargs = {key: pool.get(key, ["1"])[0] for key in regex.groupindex}
        return [reverse(name, kwargs=kwargs)]
    return [reverse(name, args=["1"] * regex.groups)]


def hostile_paths(route, entry, values) -> list[str]:
    """The pattern with one converter at a time given each hostile value (the others a
    plain "1"); regular-expression patterns take what their expression allows."""
    if not isinstance(entry.pattern, RoutePattern):
        return []
    names = [m["name"] for m in _CONVERTER.finditer(route)]
    return [
        fill(route, {n: (value if n == target else "1") for n in names})
        for target in names
        for value in values
    ]


def _origin(error) -> str:
    """The error, and the last line of the app's own code it went through."""
    frames = [
        f"{Path(frame.filename).relative_to(ROOT)}:{frame.lineno}"
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.startswith(str(ROOT))
        and "/.venv/" not in frame.filename
        and "/tests/" not in frame.filename
    ]
    return f"{type(error).__name__}: {str(error)[:120]} at {frames[-1] if frames else '?'}"


class Walk:
    """Requests run in a rolled-back savepoint, their failures collected."""

    def __init__(self, client, user):
        self.client = client
        self.failures = []
        self.count = 0
        client.raise_request_exception = True
        if user is not None:
            client.force_login(user)
        self.cookies = copy.deepcopy(client.cookies)

    def request(self, method, path, data=None):
        self.count += 1
        try:
            with transaction.atomic():
                response = getattr(self.client, method)(path, data or {})
                body = (
                    b"".join(response.streaming_content) if response.streaming else response.content
                )
                transaction.set_rollback(True)
        except Exception as error:  # a server error: the view raised
            self.failures.append((method, path[:120], _origin(error)))
            return None
        finally:
            self.client.cookies = copy.deepcopy(self.cookies)  # a logout is undone too
        if response.status_code >= 500:
            self.failures.append((method, path[:120], response.status_code))
        elif b"the export failed before its end" in body:
            self.failures.append((method, path[:120], "export stopped midway"))
        return response


def hostile_parameters(names, values, round_: int) -> dict[str, str]:
    """Every parameter at once, each given a different hostile value in each round, so
    that over the rounds each parameter gets every value."""
    return {name: values[(index + round_) % len(values)] for index, name in enumerate(names)}


def refused(response) -> bool:
    """Sent to sign in, or forbidden: the page is not this visitor's."""
    return (
        response is None
        or response.status_code in (302, 403)
        and (response.status_code == 403 or "login" in response.get("Location", ""))
    )


@pytest.mark.parametrize("role", ["anonymous", "editor", "admin"])
def test_no_address_gives_a_server_error(client, world, role):
    """Walked in full: every page as an anonymous visitor, and as an editor or an admin
    the pages an anonymous visitor is refused. The pages an anonymous visitor sees, and
    the Django admin, are walked less deep by the others: real objects, one round of
    hostile parameters in the query and in a form, two hostile values in the address."""
    names = parameter_names()
    pool = real_values()
    walk = Walk(client, world[role])
    stranger = Walk(Client(), None)
    logging.disable(logging.CRITICAL)  # the 4xx warnings of thousands of requests
    try:
        for route, entry, name in patterns():
            paths = real_paths(route, entry, name, pool)
            admin_site = route.startswith("admin/")
            if admin_site and role != "admin":
                walk.request("get", paths[0])
                continue
            live = None
            for path in paths:
                response = walk.request("get", path)
                if live is None and response is not None and response.status_code < 400:
                    live = path
            live = live or paths[0]
            full = role == "anonymous" or (
                not admin_site and refused(stranger.request("get", live))
            )
            for path in hostile_paths(route, entry, PATH_HOSTILE if full else LIGHT_PATH):
                walk.request("get", path)
            if full:
                # In the query, a NUL or an over-long value is refused before any view:
                # one request each. The others reach the views, and all reach a form.
                walk.request("get", live, dict.fromkeys(names, NUL))
                walk.request("get", live, dict.fromkeys(names, LONG))
            for round_ in range(len(DEEP) if full else 1):
                walk.request("get", live, hostile_parameters(names, DEEP, round_))
            for round_ in range(len(HOSTILE) if full else 1):
                walk.request("post", live, hostile_parameters(names, HOSTILE, round_))
    finally:
        logging.disable(logging.NOTSET)
    assert stranger.failures == []
    assert walk.count > 300
    assert walk.failures == [], "\n".join(map(repr, walk.failures))


def test_every_pattern_is_walked():
    """The walk reaches the patterns added by every app, and the parameters of the
    filters, the forms and the views."""
    routes = {route for route, _entry, _name in patterns()}
    assert {"commitments/", "allies/<str:iso3>/", "import/", "admin/"} <= routes
    assert len(routes) > 100
    names = parameter_names()
    for expected in ("year_from", "year_to", "summit", "year", "indicator", "a", "b", "quote"):
        assert expected in names
