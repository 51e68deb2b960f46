"""results.scheme_result: effective scores, caps and floors, 一票否决, grades, competition ranks,
the change on last year, in a constant number of queries."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.assessment.models import Assessment, ItemScore, ReviewState
from fazhi.assessment.results import (
    COMPUTED,
    FINAL,
    SELF,
    UNSCORED,
    competition_ranks,
    grade_for,
    scheme_result,
)
from fazhi.assessment.scoring import refresh_scores
from fazhi.orgs.roles import Level
from fazhi.orgs.services import organisation_create
from tests.assessment.scoring_world import make_scheme, simple_scheme
from tests.assessment.test_scoring import sessions

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = date(2026, 12, 6)
D = Decimal


def set_score(org, scheme, code, **fields):
    ItemScore.objects.filter(
        assessment__organisation=org, assessment__scheme=scheme, item__code=code
    ).update(**fields)


def test_effective_scores_by_source(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    sessions(world.orgs["A1"], 4)
    refresh_scores(scheme, today=TODAY)
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    set_score(a1, scheme, "3.1", self_score=D("60"))  # manual: the township's own score
    result = scheme_result(scheme).for_organisation(a1)
    rows = {row.item.code: row for row in result.items}
    assert (rows["1.1"].points, rows["1.1"].source) == (D("20.00"), COMPUTED)
    assert (rows["2.1"].points, rows["2.1"].source) == (D("0.00"), COMPUTED)
    assert (rows["3.1"].points, rows["3.1"].source) == (D("60.00"), SELF)
    assert result.total == D("80.00")
    assert result.grade == "良好"
    assert result.unscored == 0

    other = {row.item.code: row for row in scheme_result(scheme).for_organisation(a2).items}
    assert (other["3.1"].points, other["3.1"].source) == (D("0"), UNSCORED)
    assert other["3.1"].source_label == "未评分"

    # The inspector adjusts; a confirmed item without a final score keeps its computed one.
    set_score(a1, scheme, "3.1", review=ReviewState.ADJUSTED, final=D("65"), reason="理由")
    set_score(a1, scheme, "1.1", review=ReviewState.CONFIRMED)
    rows = {row.item.code: row for row in scheme_result(scheme).for_organisation(a1).items}
    assert (rows["3.1"].points, rows["3.1"].source) == (D("65.00"), FINAL)
    assert (rows["1.1"].points, rows["1.1"].source) == (D("20.00"), COMPUTED)


def test_falsified_takes_the_items_extra_deduction(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    refresh_scores(scheme, today=TODAY)
    a1 = world.orgs["A1"]
    set_score(a1, scheme, "3.1", self_score=D("70"), review=ReviewState.FALSIFIED)
    row = next(r for r in scheme_result(scheme).for_organisation(a1).items if r.item.code == "3.1")
    assert (row.points, row.source) == (D("60.00"), FINAL)  # 70 less the 10 of 核查不实
    # A final score given with the falsification wins.
    set_score(a1, scheme, "3.1", final=D("40"))
    row = next(r for r in scheme_result(scheme).for_organisation(a1).items if r.item.code == "3.1")
    assert row.points == D("40.00")


def _capped_scheme(county, floor):
    return make_scheme(
        county,
        YEAR,
        [
            (
                "执法资格",
                12,
                floor,
                [
                    {"code": "1", "points": 12, "kind": "manual"},
                    {
                        "code": "2",
                        "points": 0,
                        "kind": "deduction",
                        "params": {"per_unit": 5},
                        "indicator_code": "study.sessions",
                    },
                ],
            ),
            ("加分", 5, False, [{"code": "3", "points": 5, "kind": "manual"}]),
        ],
        bands=[{"grade": "合格", "min": 10}, {"grade": "不合格", "min": 0}],
    )


@pytest.mark.parametrize(
    ("floor", "subtotal", "total"), [(True, "0.00", "5.00"), (False, "-3.00", "2.00")]
)
def test_category_floor_at_zero(world, floor, subtotal, total):
    scheme = _capped_scheme(world.orgs["A"], floor)
    sessions(world.orgs["A1"], 3)  # three deductions of 5 from the 12 of the category
    refresh_scores(scheme, today=TODAY)
    a1 = world.orgs["A1"]
    set_score(a1, scheme, "1", review=ReviewState.ADJUSTED, final=D("12"))
    set_score(a1, scheme, "3", review=ReviewState.ADJUSTED, final=D("5"))
    result = scheme_result(scheme).for_organisation(a1)
    assert result.categories[0].sum == D("-3.00")
    assert result.categories[0].subtotal == D(subtotal)
    assert result.total == D(total)


def test_category_subtotal_capped_at_its_points(world):
    scheme = _capped_scheme(world.orgs["A"], True)
    refresh_scores(scheme, today=TODAY)
    a1 = world.orgs["A1"]
    set_score(a1, scheme, "3", review=ReviewState.ADJUSTED, final=D("8"))  # above its 5
    result = scheme_result(scheme).for_organisation(a1)
    assert result.categories[1].sum == D("8.00")
    assert result.categories[1].subtotal == D("5.00")


def test_veto_of_the_whole_zeroes_the_total_unless_adjusted(world):
    scheme = make_scheme(
        world.orgs["A"],
        YEAR,
        [
            (
                "依法决策",
                100,
                False,
                [
                    {"code": "1", "points": 90, "kind": "manual"},
                    {
                        "code": "2",
                        "points": 10,
                        "kind": "veto",
                        "params": {"scope": "whole"},
                        "indicator_code": "study.sessions",
                    },
                ],
            )
        ],
    )
    sessions(world.orgs["A1"], 1)
    refresh_scores(scheme, today=TODAY)
    for org in (world.orgs["A1"], world.orgs["A2"]):
        set_score(org, scheme, "1", self_score=D("90"))
    result = scheme_result(scheme)
    vetoed, clear = (
        result.for_organisation(world.orgs["A1"]),
        result.for_organisation(world.orgs["A2"]),
    )
    assert (vetoed.vetoed, vetoed.total, vetoed.grade) == (True, D("0.00"), "不合格")
    assert (clear.vetoed, clear.total, clear.grade) == (False, D("100.00"), "优秀")
    assert (vetoed.rank, clear.rank) == (2, 1)
    set_score(world.orgs["A1"], scheme, "2", review=ReviewState.ADJUSTED, final=D("10"))
    lifted = scheme_result(scheme).for_organisation(world.orgs["A1"])
    assert (lifted.vetoed, lifted.total) == (False, D("100.00"))


def test_grade_bands(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    grades = [grade_for(scheme, D(t)) for t in ("100", "90", "89.99", "80", "60", "59.5", "0")]
    assert grades == ["优秀", "优秀", "良好", "良好", "合格", "不合格", "不合格"]
    scheme.grade_bands = [{"grade": "达标", "min": 70}, {"grade": "不达标", "min": 30}]
    assert grade_for(scheme, D("10")) == "不达标"  # below every band: the lowest
    scheme.grade_bands = []
    assert grade_for(scheme, D("10")) == ""


def test_competition_ranks_with_ties(world):
    assert competition_ranks([D("90"), D("80"), D("80"), D("70")]) == [1, 2, 2, 4]
    assert competition_ranks([D("50"), D("50")]) == [1, 1]
    scheme = simple_scheme(world.orgs["A"], YEAR)
    organisation_create(
        actor=None, code="100001103", name="丁镇", level=Level.TOWNSHIP, parent=world.orgs["A"]
    )
    refresh_scores(scheme, today=TODAY)
    for code, given in (("100001101", "50"), ("100001102", "50"), ("100001103", "60")):
        ItemScore.objects.filter(assessment__organisation__code=code, item__code="3.1").update(
            self_score=D(given)
        )
    ranks = {t.organisation.code: t.rank for t in scheme_result(scheme).townships}
    assert ranks == {"100001103": 1, "100001101": 2, "100001102": 2}


def test_change_on_last_year(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    last = simple_scheme(world.orgs["A"], YEAR - 1)
    refresh_scores(last, organisations=[a1], today=TODAY)
    set_score(a1, last, "3.1", self_score=D("50"))
    this = simple_scheme(world.orgs["A"], YEAR)
    refresh_scores(this, today=TODAY)
    set_score(a1, this, "3.1", self_score=D("60"))
    result = scheme_result(this)
    assert result.previous_scheme == last
    mine = result.for_organisation(a1)
    # Last year: 0 (sessions) + 0 (report of 2024 missing) + 50; this year the same + 60.
    assert (mine.previous_total, mine.total, mine.change) == (D("50.00"), D("60.00"), D("10.00"))
    assert result.for_organisation(a2).change is None  # not assessed last year
    # Another county's scheme of last year is not "last year".
    assert scheme_result(simple_scheme(world.orgs["B"], YEAR)).previous_scheme is None


def test_results_for_some_organisations_keep_county_ranks(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    refresh_scores(scheme, today=TODAY)
    set_score(world.orgs["A2"], scheme, "3.1", self_score=D("60"))
    result = scheme_result(scheme, [world.orgs["A1"]])
    assert [t.organisation for t in result.townships] == [world.orgs["A1"]]
    assert result.townships[0].rank == 2


def _add_townships(world, count):
    for n in range(count):
        organisation_create(
            actor=None,
            code=f"10000112{n}",
            name=f"加镇{n}",
            level=Level.TOWNSHIP,
            parent=world.orgs["A"],
        )


def test_result_queries_do_not_grow_with_townships(world, django_assert_num_queries):
    simple_scheme(world.orgs["A"], YEAR - 1)
    scheme = simple_scheme(world.orgs["A"], YEAR)
    refresh_scores(scheme, today=TODAY)
    assert Assessment.objects.filter(scheme=scheme).count() == 2
    with django_assert_num_queries(9):  # 4 reads of this year, the scheme of last, its 4
        assert len(scheme_result(scheme).townships) == 2
    _add_townships(world, 3)
    refresh_scores(scheme, today=TODAY)
    refresh_scores(scheme.__class__.objects.get(year=YEAR - 1), today=TODAY)
    with django_assert_num_queries(9):
        assert len(scheme_result(scheme).townships) == 5
