"""The report workflow: 草稿 → 审定 → 报送 → 公开, locking, versions, frozen figures, deadlines."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.reports import selectors, services
from fazhi.reports.models import (
    DEFAULT_PART_ORDER,
    PartText,
    ReportVersion,
    State,
    SuggestionState,
)
from tests.reports.helpers import YEAR, activity, meeting

pytestmark = pytest.mark.django_db
TODAY = date(YEAR + 1, 2, 10)


def _create(world, actor="clerk", org="A1", year=YEAR, today=TODAY):
    return services.report_create(
        actor=world.users[actor], organisation=world.orgs[org], year=year, today=today
    )


def _figure(version, code, year=YEAR):
    values = [f.value for f in selectors.document_of(version).figures if f.code == code]
    assert values, f"{code} not stated"
    return values[0]


def _approve_and_submit(world, version, submitted_on=date(YEAR + 1, 2, 20)):
    version = services.version_approve(actor=world.users["leader"], version=version)
    return services.version_submit(
        actor=world.users["leader"], version=version, submitted_on=submitted_on
    )


def test_create_drafts_version_one_with_the_five_parts(world):
    meeting(world.orgs["A1"])
    version = _create(world)
    assert (version.number, version.state) == (1, State.DRAFT)
    assert version.title == f"甲镇{YEAR}年度法治政府建设情况报告"
    assert set(version.parts.values_list("key", flat=True)) == set(DEFAULT_PART_ORDER)
    assert version.signed_on == TODAY  # before the 3月1日 deadline: the day it was drafted
    headings = [part.heading for part in selectors.document_of(version).parts]
    assert headings[0] == "一、上一年度推进法治政府建设的主要举措和成效"
    assert headings[4] == "五、其他需要报告的情况"


def test_create_is_refused_twice_for_a_year_for_villages_future_years_and_other_roles(world):
    _create(world)
    with pytest.raises(ValidationError, match="已经存在"):
        _create(world)
    with pytest.raises(ValidationError, match="乡镇"):
        _create(world, org="A1V1", actor="leader")
    with pytest.raises(ValidationError, match="报告年度"):
        _create(world, year=TODAY.year + 1)
    for role in ("reviewer", "admin", "inspector"):
        with pytest.raises(PermissionDenied):
            _create(world, actor=role, year=YEAR - 1)
    with pytest.raises(PermissionDenied):  # another township's report
        _create(world, org="A2", year=YEAR)


def test_unknown_figure_references_are_refused_with_a_chinese_message(world):
    version = _create(world)
    with pytest.raises(ValidationError) as error:
        services.part_save(
            actor=world.users["clerk"], version=version, key="other", text="共{publicity.nothing}。"
        )
    assert "未知的数字引用“{publicity.nothing}”" in str(error.value)
    with pytest.raises(ValidationError, match="花括号"):
        services.part_save(actor=world.users["clerk"], version=version, key="other", text="共{")
    services.part_save(
        actor=world.users["clerk"],
        version=version,
        key="other",
        text="发放宣传资料{publicity.materials}，上年为{publicity.materials@prev}。",
    )
    assert "{publicity.materials}" in PartText.objects.get(version=version, key="other").text


def test_a_draft_shows_live_figures(world):
    a1 = world.orgs["A1"]
    meeting(a1)
    version = _create(world)
    assert _figure(version, "governance.leading_group_meetings") == 1
    meeting(a1, month=5)
    assert _figure(version, "governance.leading_group_meetings") == 2


def test_approved_figures_do_not_change_when_the_ledgers_do(world):
    """Acceptance 4: figures are frozen at approval."""
    a1 = world.orgs["A1"]
    meeting(a1)
    activity(a1, materials=500)
    version = _create(world)
    version = services.version_approve(actor=world.users["leader"], version=version)
    assert version.frozen and version.approved_by == world.users["leader"]
    meeting(a1, month=6)
    activity(a1, materials=700)
    version.refresh_from_db()
    assert _figure(version, "governance.leading_group_meetings") == 1
    assert _figure(version, "publicity.materials") == 500
    assert selectors.document_of(version).figures_frozen
    # A new version copied from it is a draft again: live figures.
    new = services.version_new(actor=world.users["clerk"], version=version)
    assert _figure(new, "governance.leading_group_meetings") == 2
    assert _figure(new, "publicity.materials") == 1200


def test_a_submitted_report_cannot_be_edited_but_a_new_version_can(world):
    """Acceptance 4: locked once sent; any change needs a new version, and both are kept."""
    version = _approve_and_submit(world, _create(world))
    clerk = world.users["clerk"]
    with pytest.raises(ValidationError, match="新建版本"):
        services.part_save(actor=clerk, version=version, key="other", text="改动。")
    suggestion = version.suggestions.first()
    with pytest.raises(ValidationError, match="新建版本"):
        services.suggestion_set(actor=clerk, suggestion=suggestion, state="dropped")
    with pytest.raises(ValidationError, match="新建版本"):
        services.details_save(
            actor=clerk, version=version, title="新标题", recipient="", signed_on=TODAY
        )
    new = services.version_new(actor=clerk, version=version)
    assert (new.number, new.state, new.copied_from_id) == (2, State.DRAFT, version.pk)
    services.part_save(actor=clerk, version=new, key="other", text="补充说明。")
    assert PartText.objects.get(version=new, key="other").text == "补充说明。"
    assert PartText.objects.get(version=version, key="other").text == "无其他需要报告的情况。"
    assert ReportVersion.objects.filter(report=version.report).count() == 2
    with pytest.raises(ValidationError, match="已有未审定的草稿"):
        services.version_new(actor=clerk, version=version)
    diffs = {d.key: d for d in selectors.compare(version, new)}
    assert diffs["other"].changed and not diffs["achievements"].changed
    assert ("replace", "无其他需要报告的情况。", "补充说明。") in diffs["other"].rows


def test_roles_in_the_workflow(world):
    version = _create(world)
    with pytest.raises(PermissionDenied):
        services.version_approve(actor=world.users["clerk"], version=version)
    with pytest.raises(PermissionDenied):
        services.part_save(actor=world.users["reviewer"], version=version, key="other", text="x")
    version = services.version_approve(actor=world.users["leader"], version=version)
    with pytest.raises(ValidationError, match="只有草稿"):
        services.version_approve(actor=world.users["leader"], version=version)
    with pytest.raises(PermissionDenied):
        services.version_submit(actor=world.users["clerk"], version=version)
    version = services.version_submit(
        actor=world.users["leader"], version=version, submitted_on=date(YEAR + 1, 2, 1)
    )
    with pytest.raises(PermissionDenied):
        services.version_publish(
            actor=world.users["reviewer"],
            version=version,
            published_on=date(YEAR + 1, 3, 1),
            channel="政府网站",
            secrecy_reviewed=True,
        )
    with pytest.raises(ValidationError) as error:
        services.version_publish(
            actor=world.users["clerk"],
            version=version,
            published_on=date(YEAR + 1, 3, 1),
            channel="",
            secrecy_reviewed=False,
        )
    assert set(error.value.message_dict) == {"channel", "secrecy_reviewed"}
    version = services.version_publish(
        actor=world.users["clerk"],
        version=version,
        published_on=date(YEAR + 1, 3, 1),
        channel="镇政府网站法治政府建设专栏",
        secrecy_reviewed=True,
    )
    assert version.state == State.PUBLISHED and not version.published_late


def test_an_empty_part_cannot_be_approved(world):
    version = _create(world)
    services.part_save(actor=world.users["clerk"], version=version, key="other", text="")
    with pytest.raises(ValidationError, match="其他需要报告的情况"):
        services.version_approve(actor=world.users["leader"], version=version)


def test_late_submission_and_late_publication_are_flagged(world):
    """Acceptance 4: publication after 4月1日 (and submission after 3月1日) of the next year."""
    version = _approve_and_submit(world, _create(world), submitted_on=date(YEAR + 1, 3, 1))
    assert version.submission_due_on == date(YEAR + 1, 3, 1) and not version.submitted_late
    published = services.version_publish(
        actor=world.users["leader"],
        version=version,
        published_on=date(YEAR + 1, 4, 2),
        channel="政府网站",
        secrecy_reviewed=True,
    )
    assert published.publication_due_on == date(YEAR + 1, 4, 1)
    assert published.published_late

    other = _approve_and_submit(world, _create(world, year=YEAR - 1), submitted_on=date(YEAR, 3, 2))
    assert other.submitted_late
    on_time = services.version_publish(
        actor=world.users["leader"],
        version=other,
        published_on=date(YEAR, 4, 1),
        channel="政府网站",
        secrecy_reviewed=True,
    )
    assert not on_time.published_late


def test_a_county_sets_its_order_of_parts_and_its_dates(world):
    order = ["first_responsible", "achievements", "shortcomings", "plans", "other"]
    with pytest.raises(PermissionDenied):
        services.county_setting_save(
            actor=world.users["clerk"], county=world.orgs["A"], part_order=order
        )
    with pytest.raises(ValidationError, match="各出现一次"):
        services.county_setting_save(
            actor=world.users["county_admin"], county=world.orgs["A"], part_order=order[:4]
        )
    services.county_setting_save(
        actor=world.users["county_admin"],
        county=world.orgs["A"],
        part_order=order,
        submission=(2, 20),
        publication=(3, 31),
    )
    version = _create(world)
    document = selectors.document_of(version)
    assert [p.key for p in document.parts] == order
    assert document.parts[0].heading.startswith("一、上一年度党政主要负责人")
    assert document.parts[1].heading == "二、上一年度推进法治政府建设的主要举措和成效"
    assert selectors.submission_due(world.orgs["A1"], YEAR) == date(YEAR + 1, 2, 20)
    version = _approve_and_submit(world, version, submitted_on=date(YEAR + 1, 2, 25))
    assert version.submitted_late
    # Another county keeps the regulation's order.
    assert selectors.part_order_for(world.orgs["B1"]) == DEFAULT_PART_ORDER


def test_suggestions_are_kept_edited_dropped_or_added(world):
    version = _create(world)  # no 述法, no 12·4 activity…: drafted shortcomings
    clerk = world.users["clerk"]
    items = list(version.suggestions.filter(part="shortcomings"))
    assert len(items) >= 2 and all(item.evidence for item in items)
    first, second = items[0], items[1]
    services.suggestion_set(actor=clerk, suggestion=first, state="dropped")
    services.suggestion_set(actor=clerk, suggestion=second, state="edited", text="修改后的不足")
    with pytest.raises(ValidationError):
        services.suggestion_set(actor=clerk, suggestion=second, state="edited", text=" ")
    services.suggestion_add(actor=clerk, version=version, part="plans", text="自拟的安排")
    with pytest.raises(ValidationError):
        services.suggestion_add(actor=clerk, version=version, part="other", text="不行")
    text = selectors.document_of(version).plain_text()
    assert first.text not in text
    assert "修改后的不足。" in text and "自拟的安排。" in text
    services.suggestion_set(actor=clerk, suggestion=second, state="kept")
    second.refresh_from_db()
    assert second.state == SuggestionState.KEPT and second.text == second.original_text


def test_the_inspector_sees_submitted_reports_of_its_townships_only(world):
    draft = _create(world)
    sent = _approve_and_submit(world, _create(world, year=YEAR - 1))
    other_township = services.report_create(
        actor=None, organisation=world.orgs["A2"], year=YEAR, today=TODAY
    )
    inspector = world.users["inspector"]
    visible = set(selectors.visible_versions(inspector))
    assert sent in visible and draft not in visible and other_township not in visible
    other_sent = _approve_and_submit_as_none(other_township)
    assert other_sent in set(selectors.visible_versions(inspector))
    clerk_sees = set(selectors.visible_versions(world.users["clerk"]))
    assert draft in clerk_sees and other_sent not in clerk_sees
    assert set(selectors.visible_versions(world.users["reviewer"])) == set()


def _approve_and_submit_as_none(version):
    version = services.version_approve(actor=None, version=version)
    return services.version_submit(actor=None, version=version, submitted_on=date(YEAR + 1, 2, 1))


def test_frozen_values_round_trip_decimals_and_missing_figures():
    from decimal import Decimal

    from fazhi.reports.references import FigureValues

    values = FigureValues(
        {
            ("governance.budget", YEAR): Decimal("15.40"),
            ("study.exam_pass_rate", YEAR): None,
            ("publicity.materials", YEAR - 1): 12000,
        },
        frozen=False,
    )
    back = FigureValues.from_frozen(values.freeze())
    assert back.frozen
    assert back.get("governance.budget", YEAR) == Decimal("15.40")
    assert back.has("study.exam_pass_rate", YEAR) and back.get("study.exam_pass_rate", YEAR) is None
    assert back.get("publicity.materials", YEAR - 1) == 12000
