"""The county's year in Chromium (issue 17): the administrator builds last year's assessment
scheme from the year before last's, 青山镇 self-assesses with evidence and its leader submits,
the inspector returns 青山镇's report on the collection board, adjusts one item in review and
opens a finding with it (the ranking and the chart follow), the township rectifies and the
inspector closes the finding (销号)."""

import io
import json
from datetime import date
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image

from fazhi.assessment import schemes, services
from fazhi.assessment.demo import SCHEME_FILE
from fazhi.assessment.models import Assessment, AssessmentState, ItemScore, RuleKind, Scheme
from fazhi.assessment.scheme_io import YAML
from fazhi.assessment.scoring import refresh_scores
from fazhi.orgs.demo import DEMO_PASSWORD
from fazhi.orgs.demo import load as load_demo_organisation
from fazhi.orgs.models import Organisation
from fazhi.reports import services as report_services
from fazhi.supervision.models import Finding, FindingState
from tests.reports.helpers import activity, meeting

pytestmark = pytest.mark.browser

COUNTY, QINGSHAN, QINGHE = "999901", "999901101", "999901102"
# The manual item the clerk scores in the browser, and the one the inspector adjusts.
CLICKED, ADJUSTED = "2.3", "6.1"
ADJUSTED_TO = Decimal("2")


def _log_in(page, base, username):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{base}/")


def _log_out(page):
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/accounts/login/**")


def _submitted_report(township, year, today):
    """A report drafted from a few ledger rows, approved and submitted on time (2月20日)."""
    for month in (3, 6, 9):
        meeting(township, year=year, month=month)
    activity(township, year=year, materials=1200)
    version = report_services.report_create(
        actor=None, organisation=township, year=year, today=date(today.year, 2, 10)
    )
    version = report_services.version_approve(actor=None, version=version)
    report_services.version_submit(
        actor=None, version=version, submitted_on=date(today.year, 2, 20)
    )


def _self_scores(assessment, username, scores):
    """The manual items' self scores, as the township's clerk would type them."""
    clerk = get_user_model().objects.get(username=username)
    for code, value in scores.items():
        score = ItemScore.objects.get(assessment=assessment, item__code=code)
        services.self_score_save(actor=clerk, score=score, self_score=value, note="按实际情况自评")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def _results(page):
    """{code: (rank, total)} of the results table and {name: total} of the totals chart."""
    table = {}
    for row in page.locator("[data-testid=results-table] tbody tr").all():
        code = row.get_attribute("data-township")
        rank = int(row.get_by_test_id("rank").inner_text())
        total = Decimal(row.get_by_test_id("total").inner_text().split()[0])
        table[code] = (rank, total)
        # The key figures stand first: readable at 1280 px without scrolling the table.
        box = row.get_by_test_id("total").bounding_box()
        assert box["x"] + box["width"] <= page.viewport_size["width"]
    charts = json.loads(page.locator("#dashboard-charts").text_content())
    option = charts["totals"]["option"]
    bars = option["series"][0]["data"]
    chart = {
        name: Decimal(str(bar["value"]))
        for name, bar in zip(option["yAxis"]["data"], bars, strict=True)
    }
    # The chart is drawn (ECharts ran under the CSP), not just carried.
    page.locator('[data-chart="totals"][data-rendered="true"] svg').first.wait_for()
    return table, chart


def test_county_year(live_server, transactional_db, browser_page, artifacts_dir):
    today = timezone.localdate()
    year = today.year - 1
    load_demo_organisation()
    county = Organisation.objects.get(code=COUNTY)
    qingshan = Organisation.objects.get(code=QINGSHAN)
    qinghe = Organisation.objects.get(code=QINGHE)
    base_scheme = schemes.scheme_import(
        None, county, SCHEME_FILE.read_bytes(), YAML, year=year - 1
    ).scheme
    for township in (qingshan, qinghe):
        _submitted_report(township, year, today)
    page, base = browser_page, live_server.url
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # 1. The county's administrator copies the year before last's scheme as last year's.
    _log_in(page, base, "county.admin")
    page.goto(f"{base}/assessment/schemes/")
    page.get_by_role("link", name="复制上一年细则").click()
    page.get_by_label("新细则的年度").fill(str(year))
    with page.expect_navigation():
        page.get_by_role("button", name="复制").click()
    scheme = Scheme.objects.get(county=county, year=year)
    assert page.url.endswith(f"/assessment/schemes/{scheme.pk}/")
    assert scheme.copied_from_id == base_scheme.pk
    rows = page.get_by_test_id("scheme-item")
    assert rows.count() == base_scheme.items.count() >= 30
    assert page.get_by_test_id("scheme-state").inner_text().strip() == "可修改"
    assert page.get_by_text(f"复制自{year - 1}年度").first.is_visible()
    item = rows.filter(has_text="制定年度法治政府建设工作要点").first
    assert item.locator("td").first.inner_text() == CLICKED
    page.screenshot(path=str(artifacts_dir / "county-year-1-scheme-copied.png"), full_page=True)
    _log_out(page)

    # Scoring starts (it locks the scheme); the manual items other than the one clicked below
    # are filled through the service. 清河乡 claims one point less on the adjusted item, so
    # 青山镇 leads until the inspector adjusts it.
    refresh_scores(scheme)
    manual = list(
        scheme.items.filter(kind=RuleKind.MANUAL).values_list("code", "points").order_by("code")
    )
    assert CLICKED in dict(manual) and ADJUSTED in dict(manual)
    full = {code: points for code, points in manual}
    qingshan_assessment = Assessment.objects.get(scheme=scheme, organisation=qingshan)
    _self_scores(
        qingshan_assessment, "qingshan.clerk", {c: p for c, p in full.items() if c != CLICKED}
    )
    qinghe_assessment = Assessment.objects.get(scheme=scheme, organisation=qinghe)
    _self_scores(qinghe_assessment, "qinghe.clerk", {**full, ADJUSTED: full[ADJUSTED] - 1})

    # 2. 青山镇's clerk scores one manual item with a note and two pieces of evidence: a file
    # and a ledger record of the year; the leader submits.
    _log_in(page, base, "qingshan.clerk")
    page.goto(f"{base}/assessment/self/{QINGSHAN}/?year={year}")
    assert page.get_by_test_id(f"item-{CLICKED}").get_by_text("未填").is_visible()
    page.get_by_test_id(f"item-{CLICKED}").get_by_role("link", name="自评与佐证").click()
    page.wait_for_url(f"**/assessment/self/{QINGSHAN}/items/{CLICKED}/**")
    page.get_by_label("自评分").fill(str(full[CLICKED]))
    page.get_by_label("自评说明").fill("已印发年度工作要点并纳入党委年度工作计划")
    with page.expect_navigation():
        page.get_by_role("button", name="保存自评").click()
    assert page.get_by_text("自评已保存。").is_visible()
    page.locator('input[name="file"]').set_input_files(
        files=[{"name": "工作要点.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.get_by_label("说明", exact=True).fill("年度工作要点印发文件")
    with page.expect_navigation():
        page.get_by_role("button", name="上传").click()
    assert page.get_by_text("佐证文件已上传。").is_visible()
    page.get_by_label("台账").select_option("governance-meetings")
    with page.expect_navigation():
        page.get_by_role("button", name="查找").click()
    with page.expect_navigation():
        page.get_by_test_id("matches").get_by_role("button", name="添加记录").first.click()
    assert page.get_by_text("已添加台账记录作为佐证。").is_visible()
    evidence = page.locator('tr[data-testid^="evidence-"]')
    assert evidence.count() == 2
    assert evidence.filter(has_text="工作要点.png").count() == 1
    assert evidence.filter(has_text="台账记录").count() == 1
    page.screenshot(path=str(artifacts_dir / "county-year-2-self-item.png"), full_page=True)
    page.goto(f"{base}/assessment/self/{QINGSHAN}/?year={year}")
    row = page.get_by_test_id(f"item-{CLICKED}")
    assert "2 份" in row.inner_text()
    # The clerk fills in; only the leader submits.
    assert page.get_by_role("button", name="提交自评").count() == 0
    _log_out(page)
    _log_in(page, base, "qingshan.leader")
    page.goto(f"{base}/assessment/self/{QINGSHAN}/?year={year}")
    with page.expect_navigation():
        page.get_by_role("button", name="提交自评").click()
    assert page.get_by_test_id("state").inner_text() == "已提交自评"
    page.screenshot(path=str(artifacts_dir / "county-year-2-self-submitted.png"), full_page=True)
    _log_out(page)
    qinghe_leader = get_user_model().objects.get(username="qinghe.leader")
    services.submit(actor=qinghe_leader, assessment=qinghe_assessment)

    # 3. The inspector returns 青山镇's report on the collection board with a reason; the
    # clerk reads it on the home page.
    reason = "第二部分未写明存在的不足和原因，请补充后重新报送"
    _log_in(page, base, "county.inspector")
    page.goto(f"{base}/reports/board/?county={COUNTY}&year={year}")
    board_row = page.locator(f"#t-{QINGSHAN}")
    board_row.locator("summary", has_text="退回修改").click()
    board_row.get_by_label("退回理由").fill(reason)
    with page.expect_navigation():
        board_row.get_by_role("button", name="确认退回").click()
    assert page.get_by_text("已退回修改，乡镇将在报告页和工作台看到退回理由。").is_visible()
    assert "退回" in page.locator(f"#t-{QINGSHAN}").inner_text()
    assert "已退回" not in page.locator(f"#t-{QINGHE}").inner_text()
    page.screenshot(path=str(artifacts_dir / "county-year-3-board-returned.png"), full_page=True)
    _log_out(page)
    _log_in(page, base, "qingshan.clerk")
    returned = page.get_by_test_id("returned-reports")
    assert f"退回理由：{reason}" in returned.inner_text()
    _log_out(page)

    # 4. Results before the review: 青山镇 leads 清河乡 by the one point.
    _log_in(page, base, "county.inspector")
    page.goto(f"{base}/assessment/results/?year={year}")
    table, chart = _results(page)
    assert set(table) == {QINGSHAN, QINGHE, "999901103"}
    before = table[QINGSHAN][1]
    assert table[QINGSHAN][0] == 1 and table[QINGHE] == (2, before - 1)
    assert chart == {"青山镇": before, "清河乡": before - 1, "新城街道": table["999901103"][1]}
    page.screenshot(path=str(artifacts_dir / "county-year-4-results-before.png"), full_page=True)

    # The inspector adjusts one item with a reason and opens a finding with it.
    adjust_reason = "重大决策未见风险评估材料，扣3分"
    page.goto(f"{base}/assessment/review/{QINGSHAN}/?year={year}")
    review_row = page.get_by_test_id(f"review-{ADJUSTED}")
    review_row.get_by_label("审核").select_option("adjust")
    review_row.get_by_label("评定分（调整）").fill(str(ADJUSTED_TO))
    review_row.get_by_label("理由").fill(adjust_reason)
    review_row.get_by_label("同时提出督察问题").check()
    with page.expect_navigation():
        review_row.get_by_role("button", name="保存").click()
    assert page.get_by_text(f"{ADJUSTED} 已审核。").is_visible()
    review_row = page.get_by_test_id(f"review-{ADJUSTED}")
    assert f"调整 {ADJUSTED_TO}" in review_row.inner_text()
    assert adjust_reason in review_row.inner_text()
    finding = Finding.objects.get(organisation=qingshan, state=FindingState.OPEN)
    assert finding.detail == adjust_reason and finding.year == year

    # The other items are confirmed through the service; the review completes on the page.
    inspector = get_user_model().objects.get(username="county.inspector")
    for score in ItemScore.objects.filter(assessment=qingshan_assessment).exclude(
        item__code=ADJUSTED
    ):
        if services.effective_score(score) is None:  # nothing to confirm: counted 0 anyway
            services.review_item(
                actor=inspector, score=score, action="adjust", final=0, reason="无可计分事项"
            )
        else:
            services.review_item(actor=inspector, score=score, action="confirm")
    page.reload()
    with page.expect_navigation():
        page.get_by_role("button", name="完成评定").click()
    assert page.get_by_text("评定已完成。").is_visible()
    assert page.get_by_test_id("state").inner_text() == "已评定"

    # Results after: 青山镇's total fell by the adjustment, the chart says so, and 清河乡 leads.
    page.goto(f"{base}/assessment/results/?year={year}")
    table, chart = _results(page)
    after = before - (full[ADJUSTED] - ADJUSTED_TO)
    assert table[QINGSHAN] == (2, after)
    assert table[QINGHE] == (1, before - 1)
    assert chart["青山镇"] == after and chart["清河乡"] == before - 1
    names = json.loads(page.locator("#dashboard-charts").text_content())["totals"]["option"]
    assert names["yAxis"]["data"][:2] == ["清河乡", "青山镇"]
    page.screenshot(path=str(artifacts_dir / "county-year-4-results-after.png"), full_page=True)
    _log_out(page)

    # 5. The township sees the open finding on its home page and records its rectification.
    _log_in(page, base, "qingshan.clerk")
    panel = page.get_by_test_id("unclosed-findings")
    assert panel.get_by_text("待整改").count() >= 1
    panel.get_by_role("link", name=finding.title).click()
    page.wait_for_url(f"**/supervision/{finding.pk}/")
    form = page.get_by_test_id("action-rectify")
    form.get_by_label("整改情况").fill("已补充重大决策风险评估材料，并修订决策程序清单")
    form.get_by_label("整改完成日期").fill(today.isoformat())
    form.get_by_label("佐证材料（可选）").set_input_files(
        files=[{"name": "风险评估报告.png", "mimeType": "image/png", "buffer": _png()}]
    )
    with page.expect_navigation():
        form.get_by_role("button", name="填报整改情况").click()
    assert page.get_by_text("整改情况已提交，等待督察销号。").is_visible()
    assert page.get_by_test_id("summary").get_by_test_id("state").inner_text() == "已整改待销号"
    assert "风险评估报告.png" in page.get_by_test_id("rectifications").inner_text()
    _log_out(page)

    # 6. The inspector closes it from the home page; it leaves the township's home page.
    _log_in(page, base, "county.inspector")
    board_panel = page.get_by_test_id("board-panel").locator("..")
    assert "已退回" in board_panel.locator("a", has_text="青山镇").inner_text()
    assert "已退回" not in board_panel.locator("a", has_text="清河乡").inner_text()
    awaiting = page.get_by_test_id("awaiting-close")
    assert finding.title in awaiting.inner_text()
    page.screenshot(path=str(artifacts_dir / "county-year-6-inspector-home.png"), full_page=True)
    awaiting.get_by_role("link", name="审核销号").click()
    page.wait_for_url(f"**/supervision/{finding.pk}/")
    close = page.get_by_test_id("action-close")
    close.get_by_label("销号意见").fill("整改到位，同意销号")
    with page.expect_navigation():
        close.get_by_role("button", name="销号").click()
    assert page.get_by_test_id("summary").get_by_test_id("state").inner_text() == "已销号"
    page.screenshot(path=str(artifacts_dir / "county-year-6-finding-closed.png"), full_page=True)
    _log_out(page)
    _log_in(page, base, "qingshan.clerk")
    assert page.get_by_test_id("unclosed-findings").count() == 0
    assert page.get_by_role("link", name=finding.title).count() == 0
    finding.refresh_from_db()
    assert finding.state == FindingState.CLOSED
    qingshan_assessment.refresh_from_db()
    assert qingshan_assessment.state == AssessmentState.REVIEWED
    assert errors == []
    assert page.external_requests == []
