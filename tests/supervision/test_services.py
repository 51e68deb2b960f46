"""The finding's cycle through the services: open → rectify → close (销号), the inspector only;
the township rectifies; returns; one finding per source event; bad input changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from fazhi.audit.models import AdminAction
from fazhi.ledgers.models import StoredFile
from fazhi.supervision import services
from fazhi.supervision.models import Finding, FindingState, Rectification, Source
from tests.supervision.helpers import DUE, FOUND, PDF, pdf

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 10)


def _open(world, actor, **kwargs):
    organisation = kwargs.pop("organisation", world.orgs["A1"])
    values = {
        "year": 2026,
        "source": Source.VISIT,
        "title": "行政执法案卷文书不规范",
        "rectify_by": DUE,
        "found_on": FOUND,
        **kwargs,
    }
    return services.finding_open(actor, organisation, **values)


def test_the_whole_cycle_open_rectify_close_by_the_inspector_only(world, people):
    finding = _open(world, people["inspector"], detail="抽查10卷，3卷缺少审核意见")
    assert (finding.state, finding.opened_by, finding.organisation) == (
        FindingState.OPEN,
        people["inspector"],
        world.orgs["A1"],
    )
    assert AdminAction.objects.filter(verb="supervision.open", actor=people["inspector"]).count()

    rectification = services.rectification_submit(
        people["clerk"], finding, "已补齐审核意见", date(2026, 4, 1), pdf(), today=TODAY
    )
    finding.refresh_from_db()
    assert finding.state == FindingState.RECTIFIED
    assert rectification.file_name == "整改佐证.pdf"
    assert rectification.stored_file.content_type == "application/pdf"
    assert rectification.stored_file.file.read() == PDF

    # The township cannot close its own finding, nor can another county's inspector.
    for actor in (people["clerk"], people["leader"], people["other_inspector"]):
        with pytest.raises(PermissionDenied):
            services.finding_close(actor, finding, "自行销号")
    finding.refresh_from_db()
    assert finding.state == FindingState.RECTIFIED

    services.finding_close(people["inspector"], finding, "整改到位", today=TODAY)
    finding.refresh_from_db()
    assert (finding.state, finding.closed_by, finding.closed_on, finding.close_note) == (
        FindingState.CLOSED,
        people["inspector"],
        TODAY,
        "整改到位",
    )
    assert AdminAction.objects.get(verb="supervision.close").scope_path == world.orgs["A1"].path
    assert [h.history_change_reason for h in finding.history.order_by("history_id")] == [
        "提出督察问题",
        "填报整改情况",
        "销号",
    ]
    # Closed: no more rectification, no second close.
    with pytest.raises(ValidationError):
        services.rectification_submit(people["clerk"], finding, "再次整改", TODAY, today=TODAY)
    with pytest.raises(ValidationError):
        services.finding_close(people["inspector"], finding, "")


def test_only_the_townships_county_inspector_opens_a_finding(world, people):
    for actor in (people["clerk"], people["leader"], people["other_inspector"]):
        with pytest.raises(PermissionDenied, match="督察"):
            _open(world, actor)
    with pytest.raises(ValidationError, match="乡镇（街道）"):
        _open(world, people["inspector"], organisation=world.orgs["A1V1"])
    with pytest.raises(ValidationError, match="整改期限不能早于发现日期"):
        _open(world, people["inspector"], rectify_by=date(2026, 3, 1))
    with pytest.raises(ValidationError, match="请填写发现的问题"):
        _open(world, people["inspector"], title="  ")
    with pytest.raises(ValidationError, match="所属年度"):
        _open(world, people["inspector"], year=2027)
    assert Finding.objects.count() == 0
    assert not AdminAction.objects.filter(verb__startswith="supervision.").exists()


def test_a_closed_finding_needs_a_rectification_first(world, people):
    finding = _open(world, people["inspector"])
    with pytest.raises(ValidationError, match="只有乡镇（街道）填报整改情况后才能销号"):
        services.finding_close(people["inspector"], finding, "")
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN


def test_the_clerk_and_leader_rectify_others_may_not(world, people):
    finding = _open(world, people["inspector"])
    for actor in (people["reviewer"], people["inspector"], people["other_clerk"]):
        with pytest.raises(PermissionDenied):
            services.rectification_submit(actor, finding, "整改", TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.rectification_submit(
            people["clerk"], finding, "整改", date(2026, 4, 11), today=TODAY
        )
    with pytest.raises(ValidationError, match="不能早于问题的发现日期"):
        services.rectification_submit(
            people["clerk"], finding, "整改", date(2026, 3, 1), today=TODAY
        )
    with pytest.raises(ValidationError, match="请填写整改情况"):
        services.rectification_submit(people["clerk"], finding, " ", TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="不支持的文件类型"):
        services.rectification_submit(
            people["clerk"], finding, "整改", TODAY, pdf("a.exe", b"MZ\x90\x00" * 10), today=TODAY
        )
    assert Rectification.objects.count() == 0
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN
    services.rectification_submit(people["leader"], finding, "领导督办整改", TODAY, today=TODAY)
    finding.refresh_from_db()
    assert finding.state == FindingState.RECTIFIED


def test_the_same_evidence_is_stored_once(world, people):
    first = _open(world, people["inspector"], title="问题一")
    second = _open(world, people["inspector"], title="问题二")
    a = services.rectification_submit(people["clerk"], first, "整改", TODAY, pdf(), today=TODAY)
    b = services.rectification_submit(people["clerk"], second, "整改", TODAY, pdf(), today=TODAY)
    assert a.stored_file_id == b.stored_file_id
    assert StoredFile.objects.count() == 1


def test_a_return_reopens_the_finding_with_the_reason(world, people):
    finding = _open(world, people["inspector"])
    services.rectification_submit(people["clerk"], finding, "初次整改", TODAY, today=TODAY)
    with pytest.raises(ValidationError, match="请填写退回理由"):
        services.finding_return(people["inspector"], finding, "  ")
    with pytest.raises(PermissionDenied):
        services.finding_return(people["clerk"], finding, "自己退回")
    finding.refresh_from_db()
    assert finding.state == FindingState.RECTIFIED

    services.finding_return(people["inspector"], finding, "缺少佐证材料", today=TODAY)
    finding.refresh_from_db()
    assert finding.state == FindingState.OPEN
    returned = finding.rectifications.get()
    assert (returned.return_reason, returned.returned_on, returned.returned_by) == (
        "缺少佐证材料",
        TODAY,
        people["inspector"],
    )
    assert AdminAction.objects.filter(verb="supervision.return").count() == 1
    # The township rectifies again; the inspector closes.
    services.rectification_submit(people["clerk"], finding, "补充佐证", TODAY, pdf(), today=TODAY)
    services.finding_close(people["inspector"], finding, "")
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED
    assert finding.rectifications.count() == 2


def test_one_finding_per_source_event(world, people):
    first = _open(world, people["inspector"], source=Source.CHECKER, source_ref="report:7:E12")
    again = _open(
        world,
        people["inspector"],
        source=Source.CHECKER,
        source_ref="report:7:E12",
        title="另一个标题",
    )
    assert again.pk == first.pk and again.title == first.title
    # The same ref from another source, or for another township, is another event.
    other = _open(world, people["inspector"], source=Source.ASSESSMENT, source_ref="report:7:E12")
    assert other.pk != first.pk
    assert Finding.objects.count() == 2
    assert AdminAction.objects.filter(verb="supervision.open").count() == 2
