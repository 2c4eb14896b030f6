"""The editorial decisions of fixtures/sources/commitments.toml, reviewed against the
methodology: every confirmed commitment has its ground, and what the methodology says is
not a commitment is not confirmed."""

import re
import tomllib
from pathlib import Path

import pytest
from django.conf import settings

from commitments.models import Commitment

pytestmark = pytest.mark.django_db

SOURCES = Path(settings.BASE_DIR) / "fixtures" / "sources"

# Openings of a sentence that describe, welcome or state a position (see the methodology).
NOT_COMMITMENTS = [
    r"^Nous continuons d",
    r"^Nous étudions la possibilité",
    r"^Nous mettons en œuvre",
    r"^Nous nous réjouissons",
    r"^Nous nous félicitons(?!.*convenus)",
    r"^L’OTAN intensifie",
    r"^Nous élargissons",
    r"^Nous adaptons",
]


def test_every_confirmed_commitment_has_the_ground_it_is_held_on():
    confirmed = Commitment.objects.confirmed()
    assert confirmed.filter(basis="").count() == 0
    review = tomllib.loads((SOURCES / "review.toml").read_text(encoding="utf-8"))["basis"]
    assert set(review) == set(confirmed.values_list("slug", flat=True))
    assert set(review.values()) <= set(Commitment.Basis.values)


def test_descriptions_welcomes_and_positions_are_not_confirmed():
    for commitment in Commitment.objects.confirmed():
        for pattern in NOT_COMMITMENTS:
            assert not re.search(pattern, commitment.quote), (commitment.slug, pattern)


def test_every_rejection_gives_its_reason():
    editorial = tomllib.loads((SOURCES / "commitments.toml").read_text(encoding="utf-8"))
    rejected = [e for e in editorial["commitment"] if e.get("review") == "rejected"]
    # The extractor no longer proposes two candidates once rejected (Washington: the
    # summit to be held in 2025, decisions described in the past tense) and proposes one
    # more, rejected (Vilnius ¶36, a description).
    assert len(rejected) == Commitment.objects.filter(review="rejected").count() == 29
    assert all(e.get("notes") for e in rejected)


def test_the_examples_of_the_methodology_are_decided_its_way():
    rejected = set(Commitment.objects.filter(review="rejected").values_list("slug", flat=True))
    assert {
        "vilnius-2023-geneva-liaison-office",  # "Nous étudions la possibilité"
        "vilnius-2023-bosnia-reform-support",  # "Nous continuons de soutenir"
        "vilnius-2023-sweden-accession",  # a welcome
        "vilnius-2023-iran-no-nuclear-weapon",  # a position
    } <= rejected
    kept = Commitment.objects.confirmed()
    assert kept.get(slug="vilnius-2023-amman-liaison-office").basis == "pledge"  # "étudierons"
    assert kept.get(slug="vilnius-2023-allied-reaction-force").basis == "decision"
    assert kept.get(slug="madrid-2022-nato-force-model").basis == "recalled"
