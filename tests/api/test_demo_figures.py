"""On the whole demo, the API's figures are those of `fazhi indicators` (the command the report
and dashboards agree with, tests/test_single_source.py) for every township and the county."""

import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from fazhi.indicators import engine
from fazhi.ledgers.demo import DEMO_COUNTY_CODE, demo_years
from fazhi.orgs.models import Organisation

pytestmark = pytest.mark.django_db


def test_api_figures_equal_the_command_on_the_demo(demo, client):
    client.force_login(get_user_model().objects.get(username="county.inspector"))
    year = demo_years(timezone.localdate())[-2][0]
    codes = [DEMO_COUNTY_CODE, *(f"{DEMO_COUNTY_CODE}10{n}" for n in (1, 2, 3))]
    query = f"?org={','.join(codes)}&year={year}"
    rows = client.get(reverse("api:indicator-values") + query).json()["results"]
    got = {(r["organisation_code"], r["code"]): r["value"] for r in rows}
    for code in codes:
        out = io.StringIO()
        call_command("indicators", org=code, year=year, format="json", stdout=out)
        expected = {i["code"]: i["value"] for i in json.loads(out.getvalue())["indicators"]}
        assert {k: got[(code, k)] for k in expected} == expected, code
    assert any(value for value in got.values())
    # The records behind a count are the engine's rows.
    township = Organisation.objects.get(code=codes[1])
    url = reverse(
        "api:indicator-records", kwargs={"code": township.code, "indicator": "publicity.activities"}
    )
    section = client.get(url + f"?year={year}").json()["sections"][0]
    assert section["count"] == engine.records("publicity.activities", township, year).count() > 0
