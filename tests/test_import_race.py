"""Two admins confirm the same import at the same moment: one wins, the other is told."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from imports.services import import_communique
from summits import services
from summits.formats import read_source
from summits.models import Document, Summit
from summits.services import AlreadyLoaded
from tests import communiques

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs concurrent transactions: PostgreSQL only (SQLite serialises writers)",
)


@pytest.mark.django_db(transaction=True)
def test_two_admins_confirming_the_same_import_load_it_once(monkeypatch):
    summit = Summit.objects.create(
        slug="testville-2030",
        name="Testville Summit",
        city="Testville",
        started_on=date(2030, 6, 1),
        ended_on=date(2030, 6, 2),
    )
    source = read_source(communiques.ENGLISH.encode(), filename="declaration.txt")
    # Both admins check for the text before either writes it.
    both_checked = threading.Barrier(2, timeout=20)
    real_check = services.loaded_document
    checked = threading.local()

    def check_then_wait(text):
        found = real_check(text)
        if not getattr(checked, "done", False):
            checked.done = True
            both_checked.wait()
        return found

    monkeypatch.setattr(services, "loaded_document", check_then_wait)
    outcomes = []

    def confirm():
        try:
            imported = import_communique(
                source=source,
                summit=summit,
                title="Declaration",
                kind="declaration",
                published_on=date(2030, 6, 2),
            )
            outcomes.append(("loaded", imported.document.slug))
        except AlreadyLoaded as error:
            outcomes.append(("told", error.concurrent, str(error)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(outcome[0] for outcome in outcomes) == ["loaded", "told"]
    told = next(outcome for outcome in outcomes if outcome[0] == "told")
    assert told[1] is True and "at the same moment" in told[2]
    assert Document.objects.filter(summit=summit).count() == 1
    document = Document.objects.get(summit=summit)
    assert document.paragraphs.count() == 3
