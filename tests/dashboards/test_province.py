"""A province (and city) above the counties: the tree's rules, what a province or city inspector
sees, and the comparison of counties with figures from the same computations as every page."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from lxml import html

from fazhi.indicators.registry import Computation, computation_for, registered_codes
from fazhi.ledgers.registry import all_kinds
from fazhi.ledgers.services import record_create
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level, Role
from fazhi.orgs.services import membership_grant, organisation_create
from tests.ledger_world import sample_values
from tests.test_single_source import Marks, _check_catalogue, _check_named

pytestmark = pytest.mark.django_db
YEAR = 2025
KINDS = ("publicity-activities", "mediations", "legal-services", "complaints")


def _org(code, name, level, parent=None):
    return organisation_create(actor=None, code=code, name=name, level=level, parent=parent)


@pytest.fixture
def province():
    """省 ── 甲市 ── 东县 (two townships), 西县 (one township); 乙市 ── 南县 (one township)."""
    orgs = {"P": _org("810000", "测试省", Level.PROVINCE)}
    orgs["C1"] = _org("810100", "甲市", Level.CITY, orgs["P"])
    orgs["C2"] = _org("810200", "乙市", Level.CITY, orgs["P"])
    for key, code, name, city, towns in (
        ("K1", "810101", "东县", "C1", 2),
        ("K2", "810102", "西县", "C1", 1),
        ("K3", "810201", "南县", "C2", 1),
    ):
        orgs[key] = _org(code, name, Level.COUNTY, orgs[city])
        for t in range(1, towns + 1):
            town = orgs[f"{key}T{t}"] = _org(
                f"{code}10{t}", f"{name}{t}镇", Level.TOWNSHIP, orgs[key]
            )
            orgs[f"{key}T{t}V"] = _org(f"{code}10{t}201", f"{name}{t}村", Level.VILLAGE, town)
    kinds = [kind for kind in all_kinds() if kind.slug in KINDS]
    for key in [k for k in orgs if "T" in k]:
        for kind in kinds:
            village = kind.org_level == Level.VILLAGE
            if village != key.endswith("V"):
                continue
            for seed in range(1, 1 + len(key)):  # a different count per organisation
                data = sample_values(kind, orgs[key], seed)
                data["occurred_on"] = data["occurred_on"].replace(year=YEAR)
                if "doc_number" in data and data["doc_number"]:
                    data["doc_number"] = f"{data['doc_number']}-{seed}"
                record_create(actor=None, kind=kind, organisation=orgs[key], data=data)
    return orgs


def _client(org, role=Role.INSPECTOR, name=None):
    user = get_user_model().objects.create_user(username=name or f"u{org.code}")
    membership_grant(actor=None, user=user, organisation=org, role=role)
    client = Client()
    client.force_login(user)
    return client


def _page(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return html.fromstring(response.content.decode())


def test_levels_and_their_parents(province):
    assert Level.PROVINCE.label == "省（自治区、直辖市）"
    assert Level.CITY.label == "市（地区、州）"
    # A county stands under a city, or on its own as before; a township never under a city.
    Organisation(code="1", name="独立县", level=Level.COUNTY, parent=None).clean()
    Organisation(code="2", name="独立市", level=Level.CITY, parent=None).clean()
    Organisation(code="3", name="县", level=Level.COUNTY, parent=province["C1"]).clean()
    with pytest.raises(ValidationError, match="乡镇（街道）的上级必须是县（区）"):
        Organisation(code="4", name="镇", level=Level.TOWNSHIP, parent=province["C1"]).clean()
    with pytest.raises(ValidationError, match="省（自治区、直辖市）不能有上级单位"):
        Organisation(code="5", name="省", level=Level.PROVINCE, parent=province["C1"]).clean()
    with pytest.raises(ValidationError, match="请选择上级单位"):
        Organisation(code="6", name="镇", level=Level.TOWNSHIP, parent=None).clean()
    with pytest.raises(ValidationError, match="县（区）的上级必须是市（地区、州）"):
        Organisation(code="7", name="县", level=Level.COUNTY, parent=province["P"]).clean()


def test_province_inspector_compares_every_county_with_one_computation(province):
    client = _client(province["P"])
    assert client.get(reverse("dashboards:home"))["Location"] == reverse("dashboards:province")
    url = reverse("dashboards:province") + f"?year={YEAR}&codes=all"
    document = _page(client, url)
    rows = document.xpath("//tr[@data-county]/@data-county")
    assert rows == ["810101", "810102", "810201"]
    assert document.xpath('//tr[@data-testid="region-total"]/@data-org') == ["810000"]
    marks = Marks()
    marks.read(url, document)
    # Overview columns for each county and the province's own total.
    assert {org for *_, org, _ in marks.catalogue} == {"810101", "810102", "810201", "810000"}
    organisations = {org.code: org for org in Organisation.objects.all()}
    today = timezone.localdate()
    assert _check_catalogue(marks, organisations, today) == []
    assert _check_named(marks, organisations, today) == []
    values = [element.get("data-value") for _, element, *_ in marks.catalogue]
    assert sum(1 for v in values if v not in ("", "0")) >= 4, "a comparison of zeros"

    # A count of rows is, for the province, the sum of its counties' (no row is the
    # province's or a city's own).
    counted = set()
    for code in {c for _, _, c, _, _ in marks.catalogue}:
        computation = computation_for(code) if code in registered_codes() else None
        if not isinstance(computation, Computation) or computation.sum_field:
            continue
        by_org = {
            o: int(e.get("data-value") or 0)
            for _, e, c, o, y in marks.catalogue
            if c == code and y == YEAR
        }
        assert by_org["810000"] == sum(by_org[k] for k in ("810101", "810102", "810201")), code
        if by_org["810000"]:
            counted.add(code)
    assert len(counted) >= 3, counted

    # A county's own comparison of townships, drilled into from the row.
    link = document.xpath('//tr[@data-county="810101"]//a/@href')[0]
    county = _page(client, link)
    assert county.xpath('//a[@data-testid="to-province"]')
    assert county.xpath("//tr[@data-township]/@data-township") == ["810101101", "810101102"]
    # The city is a choice of the province inspector too, and shows only its counties.
    city = _page(client, reverse("dashboards:province") + f"?year={YEAR}&region=810200")
    assert city.xpath("//tr[@data-county]/@data-county") == ["810201"]


def test_city_and_county_inspectors_see_only_their_part(province):
    city = _client(province["C1"])
    document = _page(city, reverse("dashboards:province") + f"?year={YEAR}")
    assert document.xpath("//tr[@data-county]/@data-county") == ["810101", "810102"]
    assert "南县" not in document.text_content()
    assert city.get(reverse("dashboards:province") + "?region=810000").status_code == 404
    assert city.get(reverse("dashboards:county") + "?county=810201").status_code == 404

    county = _client(province["K1"])
    assert county.get(reverse("dashboards:province")).status_code == 403
    assert county.get(reverse("dashboards:home"))["Location"] == reverse("dashboards:county")
    clerk = _client(province["K1T1"], Role.CLERK)
    assert clerk.get(reverse("dashboards:province")).status_code == 403
    assert clerk.get(reverse("dashboards:township", args=["810201101"])).status_code == 404


def test_inspector_membership_at_a_province_and_not_at_a_township(province):
    user = get_user_model().objects.create_user(username="x")
    with pytest.raises(ValidationError):
        membership_grant(actor=None, user=user, organisation=province["K1T1"], role=Role.INSPECTOR)
    membership_grant(actor=None, user=user, organisation=province["P"], role=Role.INSPECTOR)
