"""The apps are layered, and the layering holds in imports, migrations, templates and
strings: each app knows only the apps below it.

    nato_tracker (shared: access, versioning, history, exports, roles)
    < summits (meetings, documents, paragraphs, ingest)
    < commitments (commitments, progress, extraction)
    < reader (annotations and the pages that show a text with its commitments)
    < imports (loading a communiqué and carrying the editors' work to new versions)

The project's wiring (settings, urls, roles, its migrations and commands) sits above
them all.
The tools (fixtures/, bench/) may use any app; no app uses them.
"""

import ast
import re
import tokenize
from pathlib import Path

import pytest
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

ROOT = Path(settings.BASE_DIR)
LAYERS = ["nato_tracker", "summits", "commitments", "reader", "imports"]
PROJECT_WIRING = (
    "settings.py",
    "urls.py",
    "wsgi.py",
    "asgi.py",
    "roles.py",  # every app's permissions, by role
    "migrations",
    "management",
)
TOOLS = {"fixtures", "bench", "tests"}
KNOWN = set(LAYERS) | TOOLS


def level(app: str) -> int:
    return LAYERS.index(app)


def app_files(app: str):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT / app)
        if app == "nato_tracker" and relative.parts[0] in PROJECT_WIRING:
            continue
        yield path


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found & KNOWN


APP_REFERENCE = re.compile(r"\b(" + "|".join(LAYERS) + r")[.:][A-Za-z_]")


def string_references(path: Path) -> set[str]:
    """Apps named in the file's strings: "commitments.Commitment", "reader:home"."""
    found = set()
    with open(path, "rb") as handle:
        for token in tokenize.tokenize(handle.readline):
            if token.type == tokenize.STRING:
                found |= set(APP_REFERENCE.findall(token.string))
    return found


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_imports_only_the_apps_below_it(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_packages(path) if name in TOOLS or level(name) > level(app)
        )
        for path in app_files(app)
    }
    assert {path: names for path, names in wrong.items() if names} == {}


@pytest.mark.parametrize("app", LAYERS)
def test_an_app_names_no_app_above_it_in_its_strings(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(
            name for name in string_references(path) if level(name) > level(app)
        )
        for path in app_files(app)
    }
    assert {path: names for path, names in wrong.items() if names} == {}


def test_migrations_depend_only_on_the_apps_below():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    wrong = []
    for (app, name), migration in loader.disk_migrations.items():
        if app not in LAYERS:
            continue
        for dependency_app, _dependency in migration.dependencies:
            if dependency_app in LAYERS and level(dependency_app) > level(app):
                if app != "nato_tracker":  # the roles: the project's wiring, above all
                    wrong.append(f"{app}.{name} -> {dependency_app}")
    assert wrong == []


TEMPLATE_REFERENCE = re.compile(
    r"""{%\s*(?:include|extends)\s+["'](?P<template>[^"']+)["']"""
    r"""|{%\s*url\s+["'](?P<namespace>\w+):"""
    r"""|\bperms\.(?P<perm>\w+)\."""
)


def template_references(path: Path) -> set[str]:
    """The apps a template reaches: through the templates it includes or extends, the
    URLs it reverses and the permissions it checks."""
    found = set()
    for match in TEMPLATE_REFERENCE.finditer(path.read_text(encoding="utf-8")):
        if match["template"] and "/" in match["template"]:
            found.add(match["template"].split("/")[0])
        elif match["namespace"]:
            found.add(match["namespace"])
        elif match["perm"]:
            found.add(match["perm"])
    return found & set(LAYERS)


@pytest.mark.parametrize("app", LAYERS[1:])
def test_an_apps_templates_reach_only_the_apps_below_it(app):
    wrong = {
        str(path.relative_to(ROOT)): sorted(
            name for name in template_references(path) if level(name) > level(app)
        )
        for path in sorted((ROOT / "templates" / app).rglob("*.html"))
    }
    assert {path: names for path, names in wrong.items() if names} == {}


def test_summits_says_nothing_of_commitments():
    """Not even in a comment: meetings, documents and paragraphs are all it knows."""
    paths = [*app_files("summits"), *(ROOT / "templates" / "summits").rglob("*.html")]
    mentions = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in paths
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"commitment", line, re.IGNORECASE)
    ]
    assert mentions == []


def test_the_scanners_find_what_they_look_for(tmp_path):
    module = tmp_path / "module.py"
    module.write_text(
        "import bench.scale\nfrom reader.models import Annotation\nfrom . import ingest\n"
        'MODEL = "commitments.Commitment"\nPAGE = "imports:upload"\n'
    )
    assert imported_packages(module) == {"bench", "reader"}
    assert string_references(module) == {"commitments", "imports"}
    template = tmp_path / "page.html"
    template.write_text(
        '{% extends "base.html" %}{% include "commitments/_table.html" %}'
        "{% url 'reader:home' %}{% if perms.imports.add_x %}{% endif %}"
    )
    assert template_references(template) == {"commitments", "reader", "imports"}
