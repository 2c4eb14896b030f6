"""What is cached until figures or texts are loaded (nato_tracker.cache), and when it is
computed again."""

import re
import socket
import subprocess
import sys
import uuid
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib import admin
from django.core.cache import caches
from django.test import override_settings
from django.utils.html import strip_tags

from commitments.models import Ally, Commitment, Indicator, Measurement
from commitments.progress_data import AllyRow, MeasurementRow
from commitments.services import import_allies, import_measurements
from imports.services import correct_paragraph, import_communique
from nato_tracker import cache
from summits.formats import read_source
from summits.models import Paragraph, Summit
from tests.factories import make_summit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent


def test_a_value_is_computed_once_per_load():
    calls = []

    def compute():
        calls.append(1)
        return {"figure": len(calls)}

    assert cache.remember("test", 1, compute=compute) == {"figure": 1}
    assert cache.remember("test", 1, compute=compute) == {"figure": 1}
    assert cache.remember("test", 2, compute=compute) == {"figure": 2}  # other parts
    cache.data_loaded()
    assert cache.remember("test", 1, compute=compute) == {"figure": 3}
    assert len(calls) == 3


def test_every_generation_is_new():
    seen = {cache.generation()}
    for _ in range(5):
        cache.data_loaded()
        seen.add(cache.generation())
    assert len(seen) == 6


def headline_figures(client):
    html = client.get("/").content.decode()
    return [
        strip_tags(figure).strip() for figure in re.findall(r'<p class="figure">(.*?)</p>', html)
    ]


def defence_spending():
    return (
        Commitment.objects.confirmed()
        .headlines()
        .get(indicator__slug="defence-expenditure-gdp", summit__slug="vilnius-2023")
    )


def test_the_home_page_keeps_its_headline_progress_until_figures_are_loaded(
    client, django_assert_num_queries
):
    before = headline_figures(client)
    assert before
    indicator = Indicator.objects.get(slug="defence-expenditure-gdp")
    latest = Measurement.objects.filter(indicator=indicator, ally__isnull=False).latest("year")
    # A change that bypasses the loading services is not seen: the progress is cached.
    Measurement.objects.filter(indicator=indicator, year=latest.year).update(value=Decimal(0))
    # Neither the figures nor the allies are read: the headlines, the generation, the
    # next summit, the recent summits, their documents, the recent annotations.
    with django_assert_num_queries(6):
        assert headline_figures(client) == before
    # Loading figures is seen at once.
    import_measurements(
        indicator=indicator,
        rows=[
            MeasurementRow(ally.iso3, latest.year, Decimal("9.5"), False, "9999", "test")
            for ally in Ally.objects.all()
        ],
    )
    after = headline_figures(client)
    assert after != before
    members = sum(ally.was_member_in(latest.year) for ally in Ally.objects.all())
    assert any(f"{members} of the {members} allies with a figure" in figure for figure in after)


def test_an_edited_headline_is_computed_again(client):
    before = headline_figures(client)
    commitment = defence_spending()
    Commitment.objects.filter(pk=commitment.pk).update(
        target_value=Decimal("0.1"), version=commitment.version + 1
    )
    assert headline_figures(client) != before


def ally_average(client, iso3="pol"):
    html = client.get(f"/allies/{iso3}/").content.decode()
    found = re.search(r"Average score: ([^<]+)</strong>", html)
    return found and found.group(1)


def test_an_allys_average_score_is_kept_until_figures_are_loaded(client, django_assert_num_queries):
    from tests.test_pages import QUERIES

    before = ally_average(client)
    assert before
    # A change that bypasses the loading services is not seen: the average is cached.
    Measurement.objects.filter(ally__iso3="POL").update(value=Decimal(0))
    # Neither every measured commitment nor their lineage links are read again.
    with django_assert_num_queries(len(QUERIES["/allies/pol/"]) - 2):
        assert ally_average(client) == before
    # Loading figures is seen at once: Poland at nothing every year misses every target.
    indicator = Indicator.objects.get(slug="defence-expenditure-gdp")
    years = indicator.measurements.filter(ally__iso3="POL").values_list("year", flat=True)
    import_measurements(
        indicator=indicator,
        rows=[
            MeasurementRow("POL", year, Decimal("0.1"), False, "9999", "test")
            for year in set(years)
        ],
    )
    assert ally_average(client) != before


def test_an_edited_measured_commitment_counts_again_in_the_average(client):
    before = ally_average(client)
    commitment = defence_spending()
    # A target no ally reaches: Poland's score on it falls.
    Commitment.objects.filter(pk=commitment.pk).update(
        target_value=Decimal("99"), version=commitment.version + 1
    )
    assert ally_average(client) != before


def changes_generation(action) -> bool:
    before = cache.generation()
    action()
    return cache.generation() != before


def test_loading_texts_or_figures_starts_a_new_generation():
    summit = make_summit(slug="testville-2030", name="Testville Summit", city="Testville")
    text = "Déclaration de Testville\n\n1. Les Alliés s’engagent à agir.\n\n2. Nous agirons."
    assert changes_generation(
        lambda: import_communique(
            source=read_source(text.encode(), filename="declaration.txt"),
            summit=summit,
            title="Testville Declaration",
            kind="declaration",
            published_on=date(2030, 6, 2),
        )
    )
    paragraph = Paragraph.objects.filter(document__summit=summit).first()
    assert changes_generation(lambda: correct_paragraph(paragraph=paragraph, text="Corrigé."))
    ally = Ally.objects.first()
    assert changes_generation(
        lambda: import_allies(rows=[AllyRow(ally.iso3, ally.name_en, "Autre", ally.joined_on)])
    )
    assert changes_generation(
        lambda: import_measurements(
            indicator=Indicator.objects.get(slug="defence-expenditure-gdp"),
            rows=[MeasurementRow(ally.iso3, 2020, Decimal("2.1"), False, "9999", "test")],
        )
    )
    summit_admin = admin.site._registry[Summit]
    summit.name = "Testville Summit (renamed)"
    assert changes_generation(lambda: summit_admin.save_model(None, summit, None, True))
    assert changes_generation(lambda: summit_admin.delete_queryset(None, Summit.objects.none()))


def test_reading_changes_nothing():
    assert not changes_generation(lambda: cache.remember("x", compute=lambda: 1))


def redis_is_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_is_up(), reason="no Redis on 127.0.0.1:6379")
def test_with_redis_every_process_shares_the_cache_and_its_invalidation():
    prefix = f"test-{uuid.uuid4().hex}"  # never clear(): the server may serve others too
    redis = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/0",
        "KEY_PREFIX": prefix,
    }
    with override_settings(CACHES={"default": redis}):
        first = caches.create_connection("default")  # two processes, two clients
        second = caches.create_connection("default")
        calls = []

        def compute():
            calls.append(1)
            return len(calls)

        assert cache.remember("shared", compute=compute) == 1
        key = cache.key("shared")
        assert first.get(key) == 1 and second.get(key) == 1
        cache.data_loaded()
        assert cache.remember("shared", compute=compute) == 2
        assert second.get(cache.key("shared")) == 2
        first.delete_many([key, cache.key("shared")])


def settings_caches(**env) -> subprocess.CompletedProcess:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); " + code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "nato_tracker.settings", "PATH": "/usr/bin", **env},
        capture_output=True,
        text=True,
    )


def test_local_memory_by_default_redis_when_cache_url_is_set():
    assert settings_caches().stdout.strip().endswith("LocMemCache")
    redis = settings_caches(CACHE_URL="redis://127.0.0.1:6379/1")
    assert redis.stdout.strip().endswith("RedisCache")
    wrong = settings_caches(CACHE_URL="memcached://127.0.0.1:11211")
    assert wrong.returncode != 0 and "CACHE_URL must be a redis://" in wrong.stderr
