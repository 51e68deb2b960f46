"""Issue 14, acceptance 5: the demo townships differ. Each has its own profile
(fazhi.orgs.demo_profiles), so last year's figures, ranks, case and document numbers and the
drafted shortcomings tell them apart, and every deliberate gap is in the loaded demo."""

from datetime import date

import pytest
from django.db.models import F
from django.utils import timezone

from fazhi.catalogue import load_catalogue
from fazhi.deadlines.models import Deadline
from fazhi.decisions.models import MajorDecision
from fazhi.enforcement.models import Case
from fazhi.governance.models import Plan
from fazhi.indicators.engine import evaluate
from fazhi.indicators.registry import catalogue_codes
from fazhi.legal_services.models import LegalService
from fazhi.normative.models import NormativeDocument
from fazhi.orgs import demo_profiles
from fazhi.orgs.demo import TOWNSHIPS
from fazhi.orgs.models import Organisation
from fazhi.orgs.roles import Level
from fazhi.publicity.models import Activity
from fazhi.reports.drafting import build_draft
from fazhi.reports.models import Report, State

pytestmark = pytest.mark.django_db

QINGSHAN, QINGHE, XINCHENG = (code for code, *_ in TOWNSHIPS)


@pytest.fixture
def year():
    return timezone.localdate().year - 1


@pytest.fixture
def townships(demo):
    return {org.code: org for org in Organisation.objects.filter(code__in=demo_profiles.PROFILES)}


def _figures(townships, years):
    table = evaluate(catalogue_codes(), list(townships.values()), years)
    return lambda code, org_code, year: table.value(code, townships[org_code], year)


def test_every_demo_township_has_a_profile_and_others_are_ordinary():
    assert set(demo_profiles.PROFILES) == {code for code, *_ in TOWNSHIPS}
    for code, name, _slug, _villages in TOWNSHIPS:
        assert demo_profiles.profile_of(Organisation(code=code)).name == name
        village = Organisation(code=f"{code}201")
        assert demo_profiles.profile_of(village).code == code
    assert demo_profiles.profile_of(Organisation(code="110101001")) is demo_profiles.ORDINARY
    for profile in demo_profiles.PROFILES.values():  # no misspelt key silently ignored
        assert set(profile.strength) | set(profile.trend) <= set(demo_profiles.DOMAINS)
        assert set(profile.late) <= set(demo_profiles.LATE_FAMILIES)


def test_last_years_figures_differ_between_townships(townships, year):
    value = _figures(townships, [year])
    catalogue = load_catalogue()
    codes = [item.code for item in catalogue.indicators if item.code in catalogue_codes()]
    alike = [code for code in codes if len({value(code, org, year) for org in townships}) == 1]
    assert len(alike) <= 0.1 * len(codes), alike
    key_alike = [code for code in alike if catalogue[code].key]
    assert key_alike == []


def test_rankings_differ_by_indicator(townships, year):
    """No township leads (or trails) the county on every key indicator."""
    value = _figures(townships, [year])
    leaders, trailers = set(), set()
    for item in load_catalogue().indicators:
        if not item.key or item.code not in catalogue_codes():
            continue
        values = {org: value(item.code, org, year) for org in townships}
        if None in values.values() or len(set(values.values())) == 1:
            continue
        best = min if item.better == "lower" else max
        worst = max if item.better == "lower" else min
        leaders.add(best(values, key=values.get))
        trailers.add(worst(values, key=values.get))
    assert leaders == set(townships)
    assert len(trailers) >= 2


def _bare(text: str, township) -> str:
    """A number or title without the township's name, short name or one-character prefix."""
    name = township.name
    short = name.removesuffix("街道").removesuffix("镇").removesuffix("乡")
    text = text.replace(name, "").replace(short, "")
    return text[1:] if text.startswith(name[0]) else text


def _shared(townships, rows_of) -> set:
    seen: dict[tuple, str] = {}
    shared = set()
    for township in townships.values():
        for text, day in rows_of(township):
            if not text:
                continue
            key = (_bare(text, township), day)
            if seen.setdefault(key, township.code) != township.code:
                shared.add(key)
    return shared


def test_no_number_or_title_is_shared_between_townships_on_the_same_day(townships):
    def subtree(model, township):
        return model.objects.filter(organisation__path__startswith=township.path)

    sources = {
        "case numbers": lambda t: subtree(Case, t).values_list("case_number", "occurred_on"),
        "document numbers": lambda t: subtree(NormativeDocument, t).values_list(
            "doc_number", "published_on"
        ),
        "document titles": lambda t: subtree(NormativeDocument, t).values_list(
            "title", "occurred_on"
        ),
        "decision titles": lambda t: subtree(MajorDecision, t).values_list("title", "occurred_on"),
        "plan numbers": lambda t: subtree(Plan, t).values_list("doc_number", "occurred_on"),
    }
    for label, rows_of in sources.items():
        assert _shared(townships, rows_of) == set(), label
    # This year's planned deadline cases are numbered and dated differently in each township.
    this_year = timezone.localdate().year
    planned = {}
    for code, township in townships.items():
        series = demo_profiles.PROFILES[code].case_series
        numbers = [f"{township.name}罚〔{this_year}〕{series + i}号" for i in range(5)]
        cases = Case.objects.filter(organisation=township, case_number__in=numbers)
        assert cases.count() == 5, code
        planned[code] = {
            (_bare(number, township), day)
            for number, day in cases.values_list("case_number", "occurred_on")
        }
    numbers = [{number for number, _day in rows} for rows in planned.values()]
    days = [{day for _number, day in rows} for rows in planned.values()]
    for first, second in ((0, 1), (0, 2), (1, 2)):
        assert not numbers[first] & numbers[second]
        assert not days[first] & days[second]


def test_the_deliberate_gaps_are_in_the_demo(townships, year):
    value = _figures(townships, [year - 1, year])

    # 新城街道 held nothing on 国家宪法日 last year; the others did.
    held = {
        code: Activity.objects.filter(
            organisation=township, year=year, theme_day="constitution"
        ).exists()
        for code, township in townships.items()
    }
    assert held == {QINGSHAN: True, QINGHE: True, XINCHENG: False}

    # 青山镇's 松岭村 had a contracted advisor but no service all last year.
    idle = Organisation.objects.get(code="999901101204", level=Level.VILLAGE)
    assert idle.name == "松岭村"
    served = set(
        LegalService.objects.filter(year=year).values_list("organisation__code", flat=True)
    )
    villages = Organisation.objects.filter(level=Level.VILLAGE, parent__in=townships.values())
    assert {v.code for v in villages} - served == {idle.code}

    # Required work never done: no enforcement training in 清河乡, no 述法 in 新城街道.
    training = {code: value("study.enforcement_training", code, year) for code in townships}
    assert training[QINGHE] == 0 and training[QINGSHAN] > 0 and training[XINCHENG] > 0
    law_report = {code: value("governance.law_report_sessions", code, year) for code in townships}
    assert law_report[XINCHENG] == 0 and law_report[QINGSHAN] > 0 and law_report[QINGHE] > 0

    # 清河乡's study and publicity fell from the year before.
    for code in ("study.sessions", "publicity.activities", "publicity.materials"):
        assert value(code, QINGHE, year) < value(code, QINGHE, year - 1), code

    # 青山镇 misses deadlines: late publicity, petition replies and complaint answers.
    late = {
        code: set(
            Deadline.objects.filter(
                organisation__path__startswith=township.path,
                due_on__year=year,
                met_on__gt=F("due_on"),
            ).values_list("code", flat=True)
        )
        for code, township in townships.items()
    }
    assert {"penalty.publicity", "petition.handling", "complaint.answer"} <= late[QINGSHAN]
    assert not {"penalty.publicity", "petition.handling"} & late[XINCHENG]
    rate = "openness.complaints_answered_on_time_rate"
    assert value(rate, QINGSHAN, year) < value(rate, QINGHE, year) < value(rate, XINCHENG, year)


def test_last_years_reports_stand_where_each_profile_says(townships, year):
    versions = {
        code: Report.objects.get(organisation=township, year=year).versions.get()
        for code, township in townships.items()
    }
    deadline = date(year + 1, 3, 1)
    assert versions[XINCHENG].state == State.PUBLISHED
    assert versions[XINCHENG].submitted_on <= deadline and not versions[XINCHENG].submitted_late
    assert versions[QINGSHAN].state == State.SUBMITTED
    assert versions[QINGSHAN].submitted_on > deadline and versions[QINGSHAN].submitted_late
    assert versions[QINGHE].state == State.DRAFT


def test_drafted_shortcomings_differ_and_name_the_gaps(townships, year):
    shortcomings = {
        code: [s.text for s in build_draft(township, year).suggestions if s.part == "shortcomings"]
        for code, township in townships.items()
    }
    assert all(shortcomings.values())
    texts = [frozenset(items) for items in shortcomings.values()]
    assert len(set(texts)) == 3
    assert any("松岭村" in text for text in shortcomings[QINGSHAN])
    assert not any("松岭村" in text for text in shortcomings[QINGHE] + shortcomings[XINCHENG])


def test_generators_are_deterministic_and_differ_between_townships(townships, year):
    from fazhi.ledgers.demo import _rng
    from fazhi.ledgers.registry import all_kinds

    last_day = date(year, 12, 31)
    for kind in all_kinds():
        if kind.demo is None or kind.org_level != Level.TOWNSHIP:
            continue
        rows = {}
        for code, township in townships.items():
            first = list(kind.demo(township, year, _rng(kind.slug, code, year), last_day))
            again = list(kind.demo(township, year, _rng(kind.slug, code, year), last_day))
            assert first == again, kind.slug
            rows[code] = repr(first)
        assert len(set(rows.values())) >= 2, kind.slug


def test_a_second_run_of_the_whole_demo_adds_and_changes_nothing(demo):
    from django.apps import apps
    from django.utils.module_loading import import_string

    def counts():
        return {model._meta.label: model._default_manager.count() for model in apps.get_models()}

    before = counts()
    for config in apps.get_app_configs():
        loader = getattr(config, "demo_loader", None)
        if loader:
            import_string(loader)()
    after = counts()
    assert {label: (before[label], n) for label, n in after.items() if before[label] != n} == {}
