"""行政执法 figures on hand-built data (see test_computations.py). Cases are saved through the
model, then given their deadlines by the cases' own sync, as the ledger services do."""

from datetime import date
from itertools import count

import pytest

from fazhi.enforcement.duedates import sync_deadlines
from fazhi.enforcement.models import Case, CaseFileReview, LegalReview, Officer
from tests.indicators.test_computations import YEAR, archive, check_domain, rec

_numbers = count(1)


def _officer(org, name, start, end, replaces=None):
    return rec(
        Officer,
        org,
        start,
        name=name,
        certificate_number=f"C{next(_numbers):05d}",
        replaces_certificate=replaces.certificate_number if replaces else "",
        unit="综合行政执法队",
        valid_until=end,
    )


def _case(org, day, case_type, *, major=False, decided_on=None, publicised_on=None):
    case = rec(
        Case,
        org,
        day,
        case_number=f"案{next(_numbers)}",
        case_type=case_type,
        party="某公司",
        facts="事实",
        legal_basis="依据",
        is_major=major,
        major_criterion="complex" if major else "",
        status=Case.Status.DECIDED if decided_on else Case.Status.FILED,
        decided_on=decided_on,
        publicised_on=publicised_on,
        publicity_channel="政府网站" if publicised_on else "",
    )
    sync_deadlines(case)
    return case


def _legal_review(case, day, opinion="passed"):
    return LegalReview.objects.create(
        organisation=case.organisation,
        case=case,
        reviewed_on=day,
        reviewer_name="审核员",
        opinion=opinion,
    )


def _file_review(case, day, total):
    return CaseFileReview.objects.create(
        organisation=case.organisation,
        case=case,
        reviewed_on=day,
        reviewer_name="评查员",
        subject_score=10,
        procedure_score=20,
        facts_score=15,
        evidence_score=15,
        law_score=15,
        documents_score=total - 75,
        total=total,
    )


@pytest.mark.django_db
def test_enforcement_figures(world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    # A certificate renewed within the year: the officer counts once (the new certificate,
    # which names the one it replaces).
    first = _officer(a1, "张三", date(YEAR - 2, 1, 1), date(YEAR, 3, 31))
    renewed = _officer(a1, "张三", date(YEAR, 4, 1), date(YEAR + 4, 3, 31), replaces=first)
    # Another officer of the same name is another officer: names never tell people apart.
    namesake = _officer(a1, "张三", date(YEAR - 1, 6, 1), date(YEAR + 3, 5, 31))
    _officer(a1, "李四", date(YEAR - 4, 1, 1), date(YEAR - 1, 12, 31))  # expired before
    from_last_day = _officer(a1, "王五", date(YEAR, 12, 31), date(YEAR + 5, 12, 30))
    _officer(a1, "赵六", date(YEAR + 1, 2, 1), date(YEAR + 6, 1, 31))  # not yet certified
    expired_early = _officer(a1, "孙七", date(YEAR - 1, 1, 1), date(YEAR, 1, 1))
    # Renewed only after the year: the old certificate counts for this year.
    before_renewal = _officer(a1, "周八", date(YEAR - 3, 1, 1), date(YEAR, 6, 30))
    _officer(a1, "周八", date(YEAR + 1, 1, 1), date(YEAR + 5, 12, 31), replaces=before_renewal)
    # A renewal archived (entered by mistake) replaces nothing.
    kept = _officer(a1, "冯二", date(YEAR - 2, 1, 1), date(YEAR + 1, 1, 1))
    archive(_officer(a1, "冯二", date(YEAR, 3, 1), date(YEAR + 5, 3, 1), replaces=kept))
    archive(_officer(a1, "吴九", date(YEAR - 1, 1, 1), date(YEAR + 3, 1, 1)))
    _officer(a2, "郑十", date(YEAR - 1, 1, 1), date(YEAR + 3, 1, 1))

    # Penalty, major, reviewed, published 2 working days after the decision (7 allowed).
    reviewed = _case(
        a1,
        date(YEAR, 1, 15),
        "penalty",
        major=True,
        decided_on=date(YEAR, 3, 4),
        publicised_on=date(YEAR, 3, 6),
    )
    _legal_review(reviewed, date(YEAR, 2, 20), "amend")
    _legal_review(reviewed, date(YEAR, 2, 28))
    # A licence decision published seven weeks late.
    late = _case(
        a1,
        date(YEAR, 4, 1),
        "licence",
        decided_on=date(YEAR, 5, 6),
        publicised_on=date(YEAR, 6, 28),
    )
    _legal_review(late, date(YEAR, 5, 1))  # reviewed, but not a major decision
    # An inspection decision: 20 working days allowed, published after 6.
    inspection = _case(
        a1,
        date(YEAR, 8, 1),
        "inspection",
        decided_on=date(YEAR, 9, 2),
        publicised_on=date(YEAR, 9, 10),
    )
    # Major, not yet reviewed nor decided: a case of the year, but no decision to publicise.
    undecided = _case(a1, date(YEAR, 11, 1), "penalty", major=True)
    # Filed this year, decided (and publicised) the next: no decision of this year.
    decided_next_year = _case(
        a1,
        date(YEAR, 12, 1),
        "penalty",
        decided_on=date(YEAR + 1, 1, 10),
        publicised_on=date(YEAR + 1, 1, 11),
    )
    # Filed the year before, decided this year and publicised on time: this year's decision.
    carried_over = _case(
        a1,
        date(YEAR - 1, 12, 1),
        "penalty",
        decided_on=date(YEAR, 1, 20),
        publicised_on=date(YEAR, 1, 22),
    )
    # Filed the year before: not this year's case, but its file is reviewed this year.
    old = _case(
        a1,
        date(YEAR - 1, 11, 1),
        "penalty",
        major=True,
        decided_on=date(YEAR - 1, 12, 1),
        publicised_on=date(YEAR - 1, 12, 2),
    )
    _legal_review(old, date(YEAR - 1, 11, 20))
    gone = _case(
        a1,
        date(YEAR, 2, 1),
        "penalty",
        major=True,
        decided_on=date(YEAR, 3, 1),
        publicised_on=date(YEAR, 3, 1),
    )
    _legal_review(gone, date(YEAR, 2, 25))
    other = _case(
        a2,
        date(YEAR, 2, 1),
        "penalty",
        major=True,
        decided_on=date(YEAR, 3, 1),
        publicised_on=date(YEAR, 3, 1),
    )
    _legal_review(other, date(YEAR, 2, 25))

    reviews = [
        _file_review(reviewed, date(YEAR, 12, 1), 90),
        _file_review(old, date(YEAR, 2, 1), 85),
    ]
    _file_review(late, date(YEAR + 1, 1, 15), 80)  # reviewed the next year
    _file_review(gone, date(YEAR, 6, 1), 76)
    _file_review(other, date(YEAR, 6, 1), 77)
    archive(gone)

    check_domain(
        world,
        "enforcement",
        {
            "enforcement.officers": [
                renewed,
                namesake,
                from_last_day,
                expired_early,
                before_renewal,
                kept,
            ],
            "enforcement.cases": [reviewed, late, inspection, undecided, decided_next_year],
            "enforcement.legal_reviewed": [reviewed],
            # Decisions of the year, whenever filed; an undecided case is in neither.
            "enforcement.decisions_to_publicise": [reviewed, late, inspection, carried_over],
            "enforcement.publicised_on_time": [reviewed, inspection, carried_over],
            "enforcement.publicised_on_time_rate": (3, 4),
            "enforcement.case_file_review_points": (reviews, 175),
            "enforcement.case_files_reviewed": reviews,
            "enforcement.case_file_review_score": (175, 2),
        },
    )
