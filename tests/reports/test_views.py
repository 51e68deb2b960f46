"""The report pages with real reports: who sees what, editing part by part, the workflow
buttons, figure links, comparison, downloads and the county setting."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.reports import services
from fazhi.reports.models import PartText, ReportVersion, State, Suggestion
from tests.reports.helpers import YEAR, meeting

pytestmark = pytest.mark.django_db
TODAY = date(YEAR + 1, 2, 10)


def _url(name, org, **query):
    url = reverse(f"reports:{name}", kwargs={"code": org.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _login(client, world, role):
    client.force_login(world.users[role])
    return client


def _draft(world, org="A1", year=YEAR):
    return services.report_create(actor=None, organisation=world.orgs[org], year=year, today=TODAY)


def _submitted(world, version, submitted_on=date(YEAR + 1, 2, 20)):
    version = services.version_approve(actor=None, version=version)
    return services.version_submit(actor=None, version=version, submitted_on=submitted_on)


def test_a_clerk_drafts_a_report_and_every_figure_links_to_its_records(client, world):
    a1 = world.orgs["A1"]
    meeting(a1)
    _login(client, world, "clerk")
    response = client.post(_url("create", a1), {"year": YEAR})
    version = ReportVersion.objects.get(report__organisation=a1, report__year=YEAR)
    assert response.status_code == 302 and response["Location"] == _url(
        "township", a1, year=YEAR, v=1
    )
    html = client.get(response["Location"]).content.decode()
    records = reverse(
        "indicators:records",
        kwargs={"code": a1.code, "indicator": "governance.leading_group_meetings"},
    )
    assert f'href="{records}?year={YEAR}"' in html
    assert "一、上一年度推进法治政府建设的主要举措和成效" in html
    assert "草稿" in html and "审定（固定数字）" not in html  # the clerk does not approve
    # Frozen figures link too.
    services.version_approve(actor=world.users["leader"], version=version)
    html = client.get(_url("township", a1, year=YEAR)).content.decode()
    assert f'href="{records}?year={YEAR}"' in html and "数字已于审定时固定" in html


def test_the_inspector_sees_submitted_reports_only(client, world):
    a1 = world.orgs["A1"]
    draft = _draft(world)
    _login(client, world, "inspector")
    html = client.get(_url("township", a1)).content.decode()
    assert "尚无已报送的年度报告" in html and draft.title not in html
    listed = _url("township", a1, year=YEAR)
    assert listed not in client.get(reverse("reports:list")).content.decode()
    assert client.get(_url("compare", a1, year=YEAR)).status_code == 404
    assert client.get(_url("docx", a1, year=YEAR)).status_code == 404
    _submitted(world, draft)
    assert listed in client.get(reverse("reports:list")).content.decode()
    html = client.get(_url("township", a1, year=YEAR)).content.decode()
    assert draft.title in html and "审定（固定数字）" not in html and "登记公开" not in html
    # A township of another county does not exist for this inspector.
    assert client.get(_url("township", world.orgs["B1"])).status_code == 404
    # Nor may the inspector write.
    assert client.post(_url("new_version", a1), {"year": YEAR, "v": 1}).status_code == 403


def test_roles_that_do_not_read_reports_are_refused(client, world):
    _draft(world)
    for role in ("reviewer", "admin", "advisor"):
        client = _login(client, world, role)
        assert client.get(reverse("reports:list")).status_code == 403
        assert client.get(_url("township", world.orgs["A1"])).status_code == 403


def test_editing_a_part_refuses_unknown_references_and_saves_valid_text(client, world):
    a1 = world.orgs["A1"]
    _draft(world)
    _login(client, world, "clerk")
    url = _url("edit", a1, year=YEAR, v=1, part="other")
    assert client.get(url).status_code == 200
    data = {"form": "part", "part": "other", "year": YEAR, "v": 1}
    response = client.post(url, {**data, "text": "另有{foo.bar}件。"})
    assert response.status_code == 200
    assert "“另有”之后有一处数字引用无法识别" in response.content.decode()
    response = client.post(url, {**data, "text": "另有规范性文件{normative.issued}。"})
    assert response.status_code == 302
    assert PartText.objects.get(key="other").text == "另有规范性文件{normative.issued}。"
    # Another township's report cannot be edited (not found).
    _draft(world, org="A2")
    assert client.get(_url("edit", world.orgs["A2"], year=YEAR)).status_code == 404


def test_suggestions_are_dropped_and_own_items_added_in_the_browser(client, world):
    a1 = world.orgs["A1"]
    version = _draft(world)
    _login(client, world, "clerk")
    item = version.suggestions.filter(part="shortcomings").first()
    page = client.get(_url("edit", a1, year=YEAR, v=1, part="shortcomings")).content.decode()
    assert "依据：" in page
    response = client.post(
        _url("suggestion", a1),
        {"year": YEAR, "v": 1, "suggestion": item.pk, "state": "dropped", "text": ""},
    )
    assert response.status_code == 302
    assert Suggestion.objects.get(pk=item.pk).state == "dropped"
    client.post(
        _url("edit", a1),
        {"form": "own", "part": "plans", "year": YEAR, "v": 1, "text": "建立法治建设工作例会制度"},
    )
    html = client.get(_url("township", a1, year=YEAR)).content.decode()
    preview = html.split("<article")[1].split("</article>")[0]
    assert "建立法治建设工作例会制度。" in preview and item.text not in preview


def test_the_workflow_through_the_buttons(client, world):
    a1 = world.orgs["A1"]
    _draft(world)
    form = {"year": YEAR, "v": 1}
    _login(client, world, "clerk")
    assert client.post(_url("approve", a1), form).status_code == 403
    _login(client, world, "leader")
    assert client.post(_url("approve", a1), form).status_code == 302
    assert (
        client.post(_url("submit", a1), {**form, "submitted_on": "2025-03-05"}).status_code == 302
    )
    version = ReportVersion.objects.get(number=1)
    assert version.state == State.SUBMITTED and version.submitted_late
    _login(client, world, "clerk")
    # Locked: an edit is refused with the reason, nothing changes.
    response = client.post(
        _url("edit", a1), {**form, "form": "part", "part": "other", "text": "改了"}, follow=True
    )
    assert "不能修改；如需修改，请新建版本" in response.content.decode()
    assert PartText.objects.get(version=version, key="other").text == "无其他需要报告的情况。"
    response = client.post(
        _url("publish", a1),
        {**form, "published_on": "2025-04-08", "channel": "镇政府网站", "secrecy_reviewed": "on"},
    )
    assert response.status_code == 302
    html = client.get(_url("township", a1, year=YEAR)).content.decode()
    assert "逾期报送" in html and "逾期公开" in html and "镇政府网站" in html
    response = client.post(_url("new_version", a1), form)
    assert response["Location"] == _url("township", a1, year=YEAR, v=2)
    client.post(
        _url("edit", a1),
        {"year": YEAR, "v": 2, "form": "part", "part": "other", "text": "补充说明。"},
    )
    html = client.get(_url("compare", a1, year=YEAR, a=1, b=2)).content.decode()
    assert "有改动" in html and "补充说明。" in html and "无其他需要报告的情况。" in html


def test_downloads(client, world, monkeypatch):
    a1 = world.orgs["A1"]
    _draft(world)
    _login(client, world, "clerk")
    response = client.get(_url("docx", a1, year=YEAR))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert "wordprocessingml" in response["Content-Type"]
    response = client.get(_url("workpaper", a1, year=YEAR))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    from fazhi.reports import pdf

    def unavailable(document):
        raise pdf.PdfUnavailable("no soffice")

    monkeypatch.setattr(pdf, "render_pdf", unavailable)
    response = client.get(_url("pdf", a1, year=YEAR))
    assert response.status_code == 503
    assert "服务器未安装 LibreOffice" in response.content.decode()


def test_the_county_administrator_sets_the_order(client, world):
    a1 = world.orgs["A1"]
    _login(client, world, "county_admin")
    response = client.post(
        _url("settings", a1),
        {
            "part_order": "first_responsible,achievements,shortcomings,plans,other",
            "submission_month": 3,
            "submission_day": 1,
            "publication_month": 4,
            "publication_day": 1,
        },
    )
    assert response.status_code == 302
    version = _draft(world)
    _login(client, world, "clerk")
    html = client.get(_url("township", a1, year=YEAR, v=version.number)).content.decode()
    assert "一、上一年度党政主要负责人履行推进法治建设第一责任人职责" in html
    assert client.get(_url("settings", a1)).status_code == 403


def test_pdf_download_with_libreoffice(client, world):
    from fazhi.reports.pdf import pdf_available
    from tests.conftest import require

    require(pdf_available(), "LibreOffice (soffice) is not installed")
    _draft(world)
    _login(client, world, "clerk")
    response = client.get(_url("pdf", world.orgs["A1"], year=YEAR))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
    assert response["Content-Type"] == "application/pdf"


def test_the_drafting_basis_shows_suggestions_with_their_figures_written_out(client, world):
    a1 = world.orgs["A1"]
    version = _draft(world)
    item = version.suggestions.first()
    Suggestion.objects.filter(pk=item.pk).update(text="学法活动仅{study.sessions}，需加强")
    _login(client, world, "clerk")
    html = client.get(_url("township", a1, year=YEAR)).content.decode()
    assert "学法活动仅0次，需加强" in html
    assert "{study.sessions}" not in html
