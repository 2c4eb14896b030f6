"""Contributions loaded from CSV: by command and by an admin page with a preview; bad
rows refused with their line numbers, and nothing written."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from commitments.models import Contribution
from commitments.progress_data import DataFileError, parse_contributions

from .factories import make_admin

pytestmark = pytest.mark.django_db

HEADER = "indicator,date,ally,contributor,kind,qualifier,amount,currency,source,total_to_date\n"
GOOD = HEADER + (
    "cap-funding,2024-02-01,DEU,,delivered,,25000000,EUR,Test ledger entry 1,no\n"
    "cap-funding,2024-03-15,,A partner,pledged,at_least,10000000,EUR,Test ledger entry 2,\n"
    "ukraine-military-assistance,2024-09-30,POL,,pledged,up_to,3000000000,EUR,Test entry 3,no\n"
)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "cap-funding,2024-13-01,DEU,,delivered,,5,EUR,s,",
            "Line 2: the date '2024-13-01' is not a date",
        ),
        (
            "cap-funding,2024-01-01,DEU,,delivered,,-5,EUR,s,",
            "Line 2: the amount '-5' is not a positive number",
        ),
        ("cap-funding,2024-01-01,DEU,,delivered,,lots,EUR,s,", "is not a positive number"),
        ("cap-funding,2024-01-01,DEU,,given,,5,EUR,s,", "the kind must be pledged or delivered"),
        ("cap-funding,2024-01-01,DEU,,delivered,roughly,5,EUR,s,", "the qualifier must be one of"),
        ("cap-funding,2024-01-01,DEU,,delivered,,5,GBP,s,", "the currency must be EUR or USD"),
        (
            "cap-funding,2024-01-01,DEUX,,delivered,,5,EUR,s,",
            "'DEUX' is not an ISO 3166 alpha-3 code",
        ),
        ("cap-funding,2024-01-01,DEU,Japan,delivered,,5,EUR,s,", "not both"),
        ("cap-funding,2024-01-01,DEU,,delivered,,5,EUR,,", "the source is missing"),
        ("cap-funding,2024-01-01,DEU,,delivered,,5,EUR,s,maybe", "total_to_date must be yes or no"),
    ],
)
def test_the_parser_refuses_bad_rows_with_their_line(row, message):
    with pytest.raises(DataFileError, match=message.replace("(", r"\(")):
        parse_contributions(HEADER + row + "\n")


def test_every_bad_line_is_named_at_once():
    text = (
        GOOD
        + "cap-funding,2024-01-01,DEU,,given,,5,EUR,s,\ncap-funding,x,DEU,,delivered,,5,EUR,s,\n"
    )
    with pytest.raises(DataFileError) as error:
        parse_contributions(text)
    assert "Line 5:" in str(error.value) and "Line 6:" in str(error.value)


def test_a_file_without_the_columns_is_refused():
    with pytest.raises(DataFileError, match="Missing column"):
        parse_contributions("indicator,date,amount\ncap-funding,2024-01-01,5\n")


def write(tmp_path, text):
    path = tmp_path / "contributions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_command_loads_them_and_twice_changes_nothing(tmp_path):
    before = Contribution.objects.count()
    out = StringIO()
    call_command("import_contributions", write(tmp_path, GOOD), stdout=out)
    assert "Loaded 3 contributions: 3 new, 0 changed, 0 unchanged." in out.getvalue()
    assert Contribution.objects.count() == before + 3
    partner = Contribution.objects.get(contributor="A partner")
    assert (partner.qualifier, partner.kind, partner.ally) == ("at_least", "pledged", None)
    out = StringIO()
    call_command("import_contributions", write(tmp_path, GOOD), stdout=out)
    assert "0 new, 0 changed, 3 unchanged" in out.getvalue()
    assert Contribution.objects.count() == before + 3


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "no-such-indicator,2024-01-01,DEU,,delivered,,5,EUR,s,no",
            "Line 5: no indicator 'no-such-indicator'.",
        ),
        (
            "defence-expenditure-gdp,2024-01-01,DEU,,delivered,,5,EUR,s,no",
            "Line 5: defence-expenditure-gdp is not counted in money.",
        ),
        (
            "cap-funding,2024-01-01,DEU,,delivered,,5,USD,s,no",
            "Line 5: cap-funding is counted in EUR, not USD.",
        ),
        ("cap-funding,2024-01-01,XYZ,,delivered,,5,EUR,s,no", "Line 5: no ally XYZ."),
        (
            "cap-funding,2024-02-01,DEU,,delivered,,25000000,EUR,again,no",
            "Line 5: the same contribution as line 2.",
        ),
    ],
)
def test_rows_that_do_not_fit_the_data_are_refused_and_nothing_is_written(tmp_path, row, message):
    before = Contribution.objects.count()
    with pytest.raises(CommandError, match=message.replace(".", r"\.")):
        call_command("import_contributions", write(tmp_path, GOOD + row + "\n"), stdout=StringIO())
    assert Contribution.objects.count() == before


@pytest.fixture
def admin_client(client):
    client.force_login(make_admin(is_superuser=True))
    return client


def upload(text):
    return SimpleUploadedFile("contributions.csv", text.encode("utf-8"), content_type="text/csv")


def test_the_admin_page_previews_then_loads(admin_client):
    url = reverse("admin:commitments_contribution_import")
    assert (
        "Import from CSV"
        in admin_client.get(reverse("admin:commitments_contribution_changelist")).content.decode()
    )
    before = Contribution.objects.count()
    preview = admin_client.post(url, {"file": upload(GOOD)})
    html = preview.content.decode()
    assert "Preview: 3 contributions" in html
    assert "up to 3 billion euros" in html and "at least 10 million euros" in html
    assert html.count("<td>new</td>") == 3
    assert Contribution.objects.count() == before  # the preview writes nothing
    payload = preview.context["payload"]
    done = admin_client.post(url, {"payload": payload})
    assert done.status_code == 302
    assert Contribution.objects.count() == before + 3
    again = admin_client.post(url, {"file": upload(GOOD)}).content.decode()
    assert again.count("<td>unchanged</td>") == 3


def test_the_admin_page_refuses_bad_rows_and_a_forged_payload(admin_client):
    url = reverse("admin:commitments_contribution_import")
    before = Contribution.objects.count()
    bad = GOOD + "cap-funding,2024-01-01,XYZ,,delivered,,5,EUR,s,no\n"
    html = admin_client.post(url, {"file": upload(bad)}).content.decode()
    assert "The file is refused and nothing was written" in html
    assert "Line 5: no ally XYZ." in html
    assert 'name="payload"' not in html  # nothing to confirm
    forged = admin_client.post(url, {"payload": "not-signed"}).content.decode()
    assert "nothing was written" in forged
    assert Contribution.objects.count() == before


def test_others_may_not_import(client):
    from .factories import make_user

    client.force_login(make_user("Editors", is_staff=True))
    response = client.get(reverse("admin:commitments_contribution_import"))
    assert response.status_code == 403
