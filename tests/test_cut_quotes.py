"""A quote that runs to the end of a paragraph the source cuts mid-sentence is flagged
"[…]" wherever the quote is shown, not only where an editor wrote a note."""

import pytest
from django.urls import reverse

from commitments.models import Commitment
from tests.factories import make_user

pytestmark = pytest.mark.django_db

CUT = "vilnius-2023-edt-strategies"
WHOLE = "vilnius-2023-defence-spending-2-pct-gdp"
MARKER = '<span class="cut-marker"'


def test_the_quote_is_cut_exactly_where_its_paragraph_stops_without_a_sentence_end():
    cut = Commitment.objects.get(slug=CUT)
    assert cut.quote_cut
    assert not cut.paragraph.text.rstrip().endswith((".", "!", "?", "»", "”", '"'))
    assert not Commitment.objects.get(slug=WHOLE).quote_cut


@pytest.mark.parametrize(
    ("name", "url", "role"),
    [
        ("page", lambda: reverse("commitments:detail", args=[CUT]), None),
        ("edit form", lambda: reverse("commitments:edit", args=[CUT]), "Editors"),
        ("compared", lambda: f"{reverse('commitments:compare')}?a={WHOLE}&b={CUT}", None),
    ],
)
def test_a_cut_quote_is_flagged_wherever_it_is_shown(client, name, url, role):
    if role:
        client.force_login(make_user(role))
    assert MARKER in client.get(url()).content.decode(), name


def test_a_whole_quote_is_not_flagged(client):
    client.force_login(make_user("Editors"))
    for url in (
        reverse("commitments:detail", args=[WHOLE]),
        reverse("commitments:edit", args=[WHOLE]),
        f"{reverse('commitments:compare')}?a={CUT}&b={WHOLE}",
    ):
        html = client.get(url).content.decode()
        assert MARKER not in html.split("<blockquote", 1)[1].split("</blockquote>", 1)[0], url
