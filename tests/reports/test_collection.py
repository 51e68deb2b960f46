"""The county's collection board (县级报告收取): states and late flags, the checker's verdict
stored at submission, 退回修改 and 确认收取, reports uploaded for townships off the platform,
the report's figures against the ledgers', scoping and a constant number of queries."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.orgs.roles import Level, Role
from fazhi.orgs.services import membership_grant, organisation_create
from fazhi.reports import collection, services
from fazhi.reports.models import ExternalReport, PartText, ReportVersion, State
from tests.reports.helpers import YEAR, activity, meeting

pytestmark = pytest.mark.django_db
DRAFTED = date(YEAR + 1, 2, 10)
ON_TIME = date(YEAR + 1, 2, 20)  # before 3月1日
LATE = date(YEAR + 1, 3, 5)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _draft(world, org="A1"):
    return services.report_create(
        actor=None, organisation=world.orgs[org], year=YEAR, today=DRAFTED
    )


def _approve(version):
    return services.version_approve(actor=None, version=version)


def _submit(version, on=ON_TIME):
    return services.version_submit(actor=None, version=_approve(version), submitted_on=on)


def _board(world, county="A"):
    return {row.township.code: row for row in collection.collection_board(world.orgs[county], YEAR)}


def _board_url():
    return reverse("reports:board") + f"?year={YEAR}"


def _row(world, org):
    return _board(world)[world.orgs[org].code]


def _township(world, key, code, name):
    world.orgs[key] = organisation_create(
        actor=None, code=code, name=name, level=Level.TOWNSHIP, parent=world.orgs["A"]
    )
    return world.orgs[key]


def _inspector_of(world, county_key, name):
    user = get_user_model().objects.create_user(username=name, password="x-Pass-2026")
    membership_grant(
        actor=None, user=user, organisation=world.orgs[county_key], role=Role.INSPECTOR
    )
    return user


# --- states, deadlines and the stored check ------------------------------------------------------


def test_board_shows_each_townships_state_with_late_flags(world):
    a3 = _township(world, "A3", "100001103", "丁镇")
    meeting(world.orgs["A1"])
    late = _submit(_draft(world, "A1"), on=LATE)
    services.version_publish(
        actor=None,
        version=late,
        published_on=date(YEAR + 1, 4, 5),
        channel="镇政府网站",
        secrecy_reviewed=True,
    )
    _draft(world, "A2")
    _approve(_draft(world, "A3"))

    rows = collection.collection_board(world.orgs["A"], YEAR)
    assert [row.township.name for row in rows] == ["甲镇", "乙镇", "丁镇"]
    a1, a2, a3_row = rows
    assert (a1.status, a1.status_label, a1.submitted_on, a1.submitted_late) == (
        State.PUBLISHED,
        "已公开",
        LATE,
        True,
    )
    assert (a1.published_on, a1.published_late) == (date(YEAR + 1, 4, 5), True)
    assert (a2.status_label, a2.submitted_on, a2.overdue) == ("草稿", None, True)
    assert (a3_row.status_label, a3_row.version) == ("已审定", None)
    assert collection.collection_board(world.orgs["B"], YEAR)[0].status_label == "未起草"
    summary = collection.collection_summary(rows)
    assert (summary.townships, summary.submitted, summary.late, summary.overdue) == (3, 1, 1, 2)
    assert summary.published == 1
    assert a3.name not in [row.township.name for row in _board(world, "B").values()]


def test_on_time_submission_and_not_yet_due(world):
    meeting(world.orgs["A1"])
    _submit(_draft(world, "A1"), on=ON_TIME)
    rows = collection.collection_board(world.orgs["A"], YEAR, today=date(YEAR + 1, 2, 25))
    a1, a2 = rows
    assert (a1.status_label, a1.submitted_late) == ("已报送", False)
    assert (a2.status_label, a2.overdue) == ("未起草", False)  # 3月1日 has not come yet


def test_the_check_is_stored_once_at_submission(world, monkeypatch):
    meeting(world.orgs["A1"])
    version = _submit(_draft(world, "A1"))
    version.refresh_from_db()
    assert version.check_result["schema"] == "fazhi.check/1"
    assert version.check_summary["missing"] == []
    assert version.check_summary["errors"] == 0
    # The board never runs the checker again.
    from fazhi.reports import checking

    def refuse(*args, **kwargs):
        raise AssertionError("the board ran the checker")

    monkeypatch.setattr(checking, "check_text", refuse)
    row = _row(world, "A1")
    assert row.checked and row.summary["errors"] == 0


def test_a_missing_part_and_the_error_count_are_on_the_board(client, world):
    client.force_login(world.users["inspector"])
    lines = [
        line for line in REPORT_LINES if "安排" not in line and line != "继续深入开展普法宣传。"
    ]
    _upload(client, world.orgs["A2"].code, _docx(lines))
    row = _row(world, "A2")
    assert row.summary["missing"] == ["下一年度主要安排"]
    errors = [f for f in row.external.check_result["findings"] if f["severity"] == "error"]
    assert row.summary["errors"] == len(errors) >= 1
    html = client.get(_board_url()).content.decode()
    assert "缺少：下一年度主要安排" in html and f"错误 {len(errors)} 处" in html
    detail = client.get(
        reverse("reports:collection", kwargs={"code": world.orgs["A2"].code}) + f"?year={YEAR}"
    ).content.decode()
    assert "缺失" in detail


# --- return and receive ---------------------------------------------------------------------------


def test_return_with_a_reason_then_a_new_version_is_submitted(client, world):
    meeting(world.orgs["A1"])
    first = _submit(_draft(world, "A1"), on=ON_TIME)
    inspector = world.users["inspector"]
    with pytest.raises(ValidationError, match="请填写退回理由"):
        services.version_return(actor=inspector, version=first, reason="  ")
    with pytest.raises(PermissionDenied):
        services.version_return(actor=world.users["leader"], version=first, reason="自己退回")

    # Through the board's form, carrying the version the inspector saw.
    client.force_login(inspector)
    url = reverse("reports:return", kwargs={"code": "100001101"})
    seen = ReportVersion.objects.get(pk=first.pk).history.latest().history_id
    response = client.post(
        url,
        {
            "year": YEAR,
            "v": 1,
            "reason": "第一责任人部分过于简略，请补充述法情况。",
            "seen_version": seen,
        },
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.return_reason == "第一责任人部分过于简略，请补充述法情况。"
    assert first.returned_by == inspector
    assert first.history.latest().history_change_reason.startswith("退回修改：")
    row = _row(world, "A1")
    assert row.returned and not row.received

    # Refused now: receiving, returning again, publishing the returned version.
    with pytest.raises(ValidationError, match="已退回"):
        services.version_receive(actor=inspector, version=first)
    with pytest.raises(ValidationError, match="已退回"):
        services.version_return(actor=inspector, version=first, reason="再退一次")
    with pytest.raises(ValidationError, match="退回修改"):
        services.version_publish(
            actor=None, version=first, published_on=LATE, channel="网站", secrecy_reviewed=True
        )

    # The township sees the reason on its report page and on its home page.
    client.force_login(world.users["clerk"])
    page = client.get(reverse("reports:township", kwargs={"code": "100001101"}) + f"?year={YEAR}")
    assert "第一责任人部分过于简略" in page.content.decode()
    home = client.get(reverse("home")).content.decode()
    assert "县里退回修改的年度报告" in home and "第一责任人部分过于简略" in home
    # Another township's clerk sees nothing of it.
    other = get_user_model().objects.create_user(username="a2clerk", password="x-Pass-2026")
    membership_grant(actor=None, user=other, organisation=world.orgs["A2"], role=Role.CLERK)
    client.force_login(other)
    assert "第一责任人部分过于简略" not in client.get(reverse("home")).content.decode()

    # The township copies, corrects and submits version 2 (after the deadline).
    second = services.version_new(actor=world.users["clerk"], version=first)
    assert _row(world, "A1").newer_draft.number == 2
    second = _submit(second, on=LATE)
    row = _row(world, "A1")
    assert (row.version.number, row.returned, row.status_label) == (2, False, "已报送")
    # On time is judged by the first submission: a corrected version is not a late report.
    assert (row.submitted_on, row.submitted_late) == (ON_TIME, False)
    assert second.check_summary is not None
    client.force_login(world.users["clerk"])
    assert "县里退回修改的年度报告" not in client.get(reverse("home")).content.decode()
    # The old version can no longer be acted on.
    with pytest.raises(ValidationError):
        services.version_receive(actor=inspector, version=first)


def test_receive_only_a_submitted_version_not_returned(client, world):
    meeting(world.orgs["A1"])
    draft = _draft(world, "A1")
    inspector = world.users["inspector"]
    with pytest.raises(ValidationError, match="只有已报送"):
        services.version_receive(actor=inspector, version=draft)
    version = _submit(draft)
    with pytest.raises(PermissionDenied):
        services.version_receive(actor=world.users["clerk"], version=version)
    with pytest.raises(PermissionDenied):
        services.version_receive(actor=_inspector_of(world, "B", "b.inspector"), version=version)

    client.force_login(inspector)
    response = client.post(
        reverse("reports:receive", kwargs={"code": "100001101"}), {"year": YEAR, "v": 1}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.received_by == inspector and version.received_at is not None
    assert _row(world, "A1").received
    with pytest.raises(ValidationError, match="已确认收取"):
        services.version_return(actor=inspector, version=version, reason="太晚了")
    assert "确认收取" in client.get(_board_url()).content.decode()


def test_a_stale_form_is_refused(client, world):
    meeting(world.orgs["A1"])
    version = _submit(_draft(world, "A1"))
    client.force_login(world.users["inspector"])
    client.post(
        reverse("reports:receive", kwargs={"code": "100001101"}),
        {"year": YEAR, "v": 1, "seen_version": "1"},
    )
    version.refresh_from_db()
    assert version.received_at is None


# --- townships off the platform -------------------------------------------------------------------


def _docx(paragraphs) -> bytes:
    from docx import Document

    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


REPORT_LINES = [
    f"乙镇{YEAR}年度法治政府建设情况报告",
    "县委全面依法治县委员会办公室：",
    f"一、{YEAR}年推进法治政府建设的主要举措和成效",
    "（一）深入开展普法宣传。全年开展普法宣传12次，发放宣传资料500份。",
    "二、党政主要负责人履行推进法治建设第一责任人职责情况",
    "党委书记主持召开法治建设专题会议，研究部署法治建设工作。",
    "三、存在的不足和原因",
    "普法宣传的针对性还不够强。",
    f"四、{YEAR + 1}年推进法治政府建设的主要安排",
    "继续深入开展普法宣传。",
    "乙镇人民政府",
    f"{YEAR + 1}年2月20日",
]


def _upload(client, org_code, data, name="乙镇报告.docx", submitted_on=ON_TIME, published=""):
    return client.post(
        reverse("reports:upload", kwargs={"code": org_code}),
        {
            "year": YEAR,
            "file": SimpleUploadedFile(name, data, content_type=DOCX),
            "submitted_on": submitted_on.isoformat(),
            "published_on": published,
        },
    )


def test_upload_of_a_report_not_on_the_platform(client, world):
    a2 = world.orgs["A2"]
    activity(a2, materials=300)  # one activity, 300 份 in the ledgers
    client.force_login(world.users["inspector"])
    response = _upload(client, a2.code, _docx(REPORT_LINES), submitted_on=LATE)
    assert response.status_code == 302
    upload = ExternalReport.objects.get(organisation=a2, year=YEAR)
    assert upload.check_result["schema"] == "fazhi.check/1"
    assert upload.stored_file.sha256 and upload.file_name == "乙镇报告.docx"
    row = _row(world, "A2")
    assert (row.external, row.status_label, row.submitted_late) == (upload, "已报送", True)
    assert row.checked and row.summary["missing"] == []
    figures = {f.code: f for f in row.figures}
    assert (figures["publicity.activities"].stated, figures["publicity.activities"].ledger) == (
        Decimal(12),
        1,
    )
    assert (figures["publicity.materials"].stated, figures["publicity.materials"].ledger) == (
        Decimal(500),
        300,
    )
    assert figures["publicity.materials"].difference == Decimal(200)
    assert len(row.differences) == 2
    board = client.get(_board_url()).content.decode()
    assert "平台外上传" in board and "2 处不一致" in board
    detail = client.get(reverse("reports:collection", kwargs={"code": a2.code}) + f"?year={YEAR}")
    assert "发放宣传资料" in detail.content.decode()
    download = client.get(reverse("reports:upload_file", kwargs={"code": a2.code, "pk": upload.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"

    # A newer upload replaces it on the board.
    lines = [line.replace("500份", "300份") for line in REPORT_LINES]
    _upload(client, a2.code, _docx(lines), name="乙镇报告（修改）.docx", published="2025-03-20")
    row = _row(world, "A2")
    assert row.external.file_name == "乙镇报告（修改）.docx"
    assert (row.status_label, row.submitted_late) == ("已公开", False)
    assert [f.code for f in row.differences] == ["publicity.activities"]


def test_upload_is_refused_for_bad_files_roles_and_townships_on_the_platform(client, world):
    a1, a2 = world.orgs["A1"], world.orgs["A2"]
    inspector = world.users["inspector"]
    text = SimpleUploadedFile("r.txt", "一、主要举措".encode(), content_type="text/plain")
    with pytest.raises(ValidationError, match="只能上传"):
        services.external_upload(
            actor=inspector, organisation=a2, year=YEAR, uploaded=text, submitted_on=ON_TIME
        )
    good = SimpleUploadedFile("r.docx", _docx(REPORT_LINES), content_type=DOCX)
    with pytest.raises(PermissionDenied):
        services.external_upload(
            actor=world.users["clerk"],
            organisation=a2,
            year=YEAR,
            uploaded=good,
            submitted_on=ON_TIME,
        )
    with pytest.raises(ValidationError, match="报送日期"):
        services.external_upload(
            actor=inspector,
            organisation=a2,
            year=YEAR,
            uploaded=good,
            submitted_on=date(YEAR, 5, 1),
        )
    meeting(a1)
    _submit(_draft(world, "A1"))
    with pytest.raises(ValidationError, match="已在平台报送"):
        services.external_upload(
            actor=inspector, organisation=a1, year=YEAR, uploaded=good, submitted_on=ON_TIME
        )
    assert not ExternalReport.objects.exists()
    client.force_login(inspector)
    response = _upload(client, a2.code, b"PK\x03\x04 not really a docx")
    assert response.status_code == 302
    assert not ExternalReport.objects.exists()


# --- the report's figures against the ledgers ----------------------------------------------


def test_a_typed_number_and_a_ledger_changed_after_approval_show_as_differences(client, world):
    a1 = world.orgs["A1"]
    meeting(a1)
    activity(a1, materials=100)
    version = _draft(world, "A1")
    part = PartText.objects.get(version=version, key="achievements")
    assert "{publicity.materials}" in part.text
    # A clerk types a number over the reference.
    services.part_save(
        actor=None,
        version=version,
        key="achievements",
        text=part.text.replace("{publicity.materials}", "150份"),
    )
    version = _submit(version)
    row = _row(world, "A1")
    figures = {f.code: f for f in row.figures}
    typed = figures["publicity.materials"]
    assert (typed.stated, typed.ledger, typed.source, typed.difference_text) == (
        Decimal(150),
        100,
        collection.TYPED,
        "+50",
    )
    activities = figures["publicity.activities"]
    assert (activities.stated, activities.ledger, activities.differs) == (Decimal(1), 1, False)
    assert [f.code for f in row.differences] == ["publicity.materials"]

    # A ledger record added after 审定: the frozen figure now differs from the ledgers.
    activity(a1, month=9, materials=20)
    figures = {f.code: f for f in _row(world, "A1").figures}
    changed = figures["publicity.activities"]
    assert (changed.stated, changed.ledger, changed.source) == (Decimal(1), 2, collection.FROZEN)
    assert changed.differs
    assert figures["publicity.materials"].ledger == 120

    # Every figure the new activity moved, and only those (the meeting's are unchanged).
    differences = {f.code for f in _row(world, "A1").differences}
    assert {"publicity.materials", "publicity.activities", "publicity.audience"} <= differences
    assert all(code.startswith("publicity.") for code in differences)
    client.force_login(world.users["inspector"])
    board = client.get(_board_url()).content.decode()
    assert f"{len(differences)} 处不一致" in board
    detail = client.get(
        reverse("reports:collection", kwargs={"code": a1.code}) + f"?year={YEAR}"
    ).content.decode()
    assert "150份" in detail and "100份" not in detail and "120份" in detail
    assert f"{len(differences)} 处与台账不一致" in detail
    assert "正文中的数字" in detail and "审定时固定的引用" in detail


# --- scoping and queries ----------------------------------------------------------------------


def test_only_the_counties_inspectors_see_the_board(client, world):
    meeting(world.orgs["A1"])
    _submit(_draft(world, "A1"))
    board = _board_url()
    detail = reverse("reports:collection", kwargs={"code": "100001101"}) + f"?year={YEAR}"
    for role in ("clerk", "leader", "reviewer", "admin", "county_admin"):
        client.force_login(world.users[role])
        assert client.get(board).status_code == 404, role
        assert client.get(detail).status_code == 404, role
        response = client.post(
            reverse("reports:receive", kwargs={"code": "100001101"}), {"year": YEAR, "v": 1}
        )
        assert response.status_code == 404, role
    other = _inspector_of(world, "B", "b.inspector")
    client.force_login(other)
    assert client.get(board + "&county=100001").status_code == 404
    assert client.get(detail).status_code == 404
    html = client.get(board).content.decode()
    assert "丙镇" in html and "甲镇" not in html
    # The way in: the reports list offers the board to inspectors only.
    assert "报告收取台账" in client.get(reverse("reports:list")).content.decode()
    client.force_login(world.users["clerk"])
    assert "报告收取台账" not in client.get(reverse("reports:list")).content.decode()
    assert ReportVersion.objects.get().received_at is None


def _submitted_townships(world, count):
    for index in range(count):
        org = _township(world, f"T{index}", f"1000012{index:02d}", f"测试{index}镇")
        activity(org, materials=10 + index)
        _submit(_draft(world, f"T{index}"))


def _queries(client, world) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as board:
        collection.collection_board(world.orgs["A"], YEAR)
    client.force_login(world.users["inspector"])
    with CaptureQueriesContext(connection) as page:
        response = client.get(reverse("reports:board") + f"?year={YEAR}")
    assert response.status_code == 200
    return len(board), len(page)


def test_the_board_takes_the_same_number_of_queries_for_more_townships(client, world):
    _submitted_townships(world, 1)
    few = _queries(client, world)
    _submitted_townships_more(world)
    many = _queries(client, world)
    assert (
        collection.collection_summary(collection.collection_board(world.orgs["A"], YEAR)).submitted
        == 4
    )
    assert many == few, (few, many)
    assert few[0] <= 10, few  # townships, versions, uploads, deadlines, the ledgers


def _submitted_townships_more(world):
    for index in range(1, 4):
        org = _township(world, f"T{index}", f"1000012{index:02d}", f"测试{index}镇")
        activity(org, materials=10 + index)
        _submit(_draft(world, f"T{index}"))


def test_versions_submitted_before_the_check_get_one_from_the_command(world):
    from io import StringIO

    from django.core.management import call_command

    meeting(world.orgs["A1"])
    version = _submit(_draft(world, "A1"))
    ReportVersion.objects.filter(pk=version.pk).update(check_result=None, check_summary=None)
    assert _row(world, "A1").checked is False
    out = StringIO()
    call_command("report_check_submitted", stdout=out)
    assert "1 个" in out.getvalue()
    assert _row(world, "A1").checked
    history = ReportVersion.objects.get(pk=version.pk).history.count()
    call_command("report_check_submitted", stdout=out)
    assert "0 个" in out.getvalue().splitlines()[-1]
    assert ReportVersion.objects.get(pk=version.pk).history.count() == history


def test_the_ledger_figures_on_the_comparison_page_are_marked_for_the_single_source_check(
    client, world
):
    a1 = world.orgs["A1"]
    activity(a1, materials=100)
    meeting(a1)
    _submit(_draft(world, "A1"))
    client.force_login(world.users["inspector"])
    html = client.get(
        reverse("reports:collection", kwargs={"code": a1.code}) + f"?year={YEAR}"
    ).content.decode()
    assert (
        f'data-indicator="publicity.materials" data-org="{a1.code}" data-year="{YEAR}" '
        'data-value="100">100份<' in html
    )


def test_references_without_wording_are_compared_and_last_years_are_not(world):
    a1 = world.orgs["A1"]
    meeting(a1)
    version = _draft(world, "A1")
    part = PartText.objects.get(version=version, key="other")
    # A bare reference (no catalogue wording before it) and a last-year-only reference.
    services.part_save(
        actor=None,
        version=version,
        key="other",
        text=part.text + "\n另附：{study.lectures}；{study.exams@prev}。",
    )
    version = _submit(version)
    assert "study.lectures" in version.check_summary["references"]
    assert "study.exams" not in version.check_summary["references"]
    assert "study.exams" in version.frozen_values  # frozen for both years all the same
    figures = {f.code: f for f in _row(world, "A1").figures}
    assert (figures["study.lectures"].source, figures["study.lectures"].stated) == (
        collection.FROZEN,
        Decimal(0),
    )
    assert "study.exams" not in figures


# --- findings from the checker's result ---------------------------------------------------------


def test_the_checker_result_opens_supervision_findings_once(client, world):
    from fazhi.supervision.models import Finding, Source

    client.force_login(world.users["inspector"])
    lines = [
        line for line in REPORT_LINES if "安排" not in line and line != "继续深入开展普法宣传。"
    ]
    _upload(client, world.orgs["A2"].code, _docx(lines))
    row = _row(world, "A2")
    detail_url = reverse("reports:collection", kwargs={"code": world.orgs["A2"].code})
    html = client.get(detail_url + f"?year={YEAR}").content.decode()
    parts = row.external.check_result["parts"]
    missing = [code for code, part in parts.items() if part["status"] == "missing"]
    assert "plans" in missing
    assert html.count('data-testid="part-finding"') == len(missing)
    url = reverse("reports:check_finding", kwargs={"code": world.orgs["A2"].code})
    post = {"year": YEAR, "finding": "pplans", "rectify_by": "2027-01-31"}
    for _ in range(2):  # the same result item opens one finding only
        assert client.post(url, post).status_code == 302
    finding = Finding.objects.get(source=Source.CHECKER)
    assert finding.organisation == world.orgs["A2"]
    assert finding.title == f"{YEAR}年度报告：年度报告缺少“下一年度主要安排”部分"
    assert finding.source_ref == f"upload:{row.external.pk}:part:plans"
    assert finding.rectify_by == date(2027, 1, 31)
    # A finding of the text, by its index in the stored result.
    client.post(url, {"year": YEAR, "finding": "f0", "rectify_by": "2027-01-31"})
    first = row.external.check_result["findings"][0]
    assert Finding.objects.filter(source=Source.CHECKER, title__contains=first["message"][:20])
    # Nothing for an item that is not in the result, or without a deadline.
    client.post(url, {"year": YEAR, "finding": "f999", "rectify_by": "2027-01-31"})
    client.post(url, {"year": YEAR, "finding": "f1", "rectify_by": ""})
    assert Finding.objects.filter(source=Source.CHECKER).count() == 2
    # A township person cannot reach it (the board does not exist for them).
    client.force_login(world.users["clerk"])
    assert client.post(url, post).status_code == 404
