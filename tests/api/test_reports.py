"""Annual reports over the API: the pages' versions and parts, the workflow through the same
services, the same files; another township's report does not exist."""

import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse

from fazhi.reports import pdf as pdf_module
from fazhi.reports import services
from fazhi.reports.models import ReportVersion, State
from fazhi.reports.pdf import PdfUnavailable, pdf_available
from tests.conftest import require
from tests.reports.helpers import YEAR, meeting

pytestmark = pytest.mark.django_db
TODAY = date(YEAR + 1, 2, 10)


def _draft(world, org="A1"):
    meeting(world.orgs[org])
    return services.report_create(actor=None, organisation=world.orgs[org], year=YEAR, today=TODAY)


def _url(name, org, *args):
    return reverse(f"api:{name}", args=[org.code, YEAR, *args])


def _as(client, world, role):
    client.force_login(world.users[role])
    return client


def test_a_draft_is_listed_with_its_parts_and_the_actions_open_to_each_role(client, world):
    a1 = world.orgs["A1"]
    draft = _draft(world)
    _draft(world, "A2")
    rows = _as(client, world, "clerk").get(reverse("api:report-list")).json()
    assert [(r["organisation_code"], r["year"]) for r in rows] == [(a1.code, YEAR)]
    assert rows[0]["latest"]["state"] == "draft" and rows[0]["latest"]["state_label"] == "草稿"
    report = client.get(_url("report-detail", a1)).json()
    assert [v["number"] for v in report["versions"]] == [1]
    version = client.get(_url("report-version", a1, 1)).json()
    assert version["title"] == draft.title and version["open_actions"] == []
    assert version["parts"][0]["heading"] == "一、上一年度推进法治政府建设的主要举措和成效"
    assert all(isinstance(p, str) for part in version["parts"] for p in part["paragraphs"])
    assert any(part["paragraphs"] for part in version["parts"])
    leader = _as(client, world, "leader").get(_url("report-version", a1, 1)).json()
    assert leader["open_actions"] == services.open_actions(world.users["leader"], draft)
    assert "approve" in leader["open_actions"]


def test_the_workflow_runs_through_the_services_as_the_caller(client, world):
    a1 = world.orgs["A1"]
    _draft(world)
    _as(client, world, "leader")
    approved = client.post(_url("report-action", a1, 1, "approve")).json()
    assert approved["state"] == "approved" and approved["figures_frozen"] is True
    version = ReportVersion.objects.get(report__organisation=a1, number=1)
    assert version.approved_by == world.users["leader"]
    assert version.history.latest().history_user == world.users["leader"]
    # Bad input: a Chinese 400 on the field, nothing changed.
    response = client.post(_url("report-action", a1, 1, "submit"), {"submitted_on": "2999-01-01"})
    assert response.status_code == 400 and "submitted_on" in response.json()
    response = client.post(_url("report-action", a1, 1, "submit"), {"submitted_on": "不是日期"})
    assert response.status_code == 400 and "submitted_on" in response.json()
    assert ReportVersion.objects.get(pk=version.pk).state == State.APPROVED
    sent = client.post(_url("report-action", a1, 1, "submit"), {"submitted_on": "2025-02-20"})
    assert sent.json()["state"] == "submitted" and sent.json()["submitted_on"] == "2025-02-20"
    # An action the state no longer allows is refused with the service's reason.
    again = client.post(_url("report-action", a1, 1, "approve"))
    assert again.status_code == 400 and "只有草稿可以审定" in str(again.json())
    assert client.post(_url("report-action", a1, 1, "fly")).status_code == 404
    # The county returns it; the township copies a new version.
    _as(client, world, "inspector")
    response = client.post(_url("report-action", a1, 1, "return"), {"reason": "数字有误"})
    assert response.json()["return_reason"] == "数字有误"
    assert ReportVersion.objects.get(pk=version.pk).returned_by == world.users["inspector"]
    new = _as(client, world, "clerk").post(_url("report-action", a1, 1, "new_version")).json()
    assert new["number"] == 2 and new["state"] == "draft"


def test_roles_without_the_right_are_refused_and_other_townships_are_not_found(client, world):
    a1, a2, b1 = world.orgs["A1"], world.orgs["A2"], world.orgs["B1"]
    _draft(world)
    _draft(world, "A2")
    _draft(world, "B1")
    _as(client, world, "clerk")
    assert client.post(_url("report-action", a1, 1, "approve")).status_code == 403
    for name, args in (("report-detail", ()), ("report-version", (1,)), ("report-docx", (1,))):
        response = client.get(_url(name, a2, *args))
        assert response.status_code == 404, name
        assert response.json() == {"detail": "没有找到，或您无权查看。"}
    assert client.post(_url("report-action", a2, 1, "approve")).status_code == 404
    # The inspector sees the county's submitted versions only.
    _as(client, world, "inspector")
    assert client.get(reverse("api:report-list")).json() == []
    assert client.get(_url("report-detail", a1)).status_code == 404
    assert client.get(_url("report-detail", b1)).status_code == 404
    assert _as(client, world, "reviewer").get(reverse("api:report-list")).status_code == 403


def test_downloads_are_the_pages_files(client, world):
    a1 = world.orgs["A1"]
    draft = _draft(world)
    _as(client, world, "clerk")
    response = client.get(_url("report-docx", a1, 1))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "word/document.xml" in names
    assert "attachment; filename*=UTF-8''" in response["Content-Disposition"]
    workpaper = client.get(_url("report-workpaper", a1, 1))
    assert workpaper.status_code == 200 and workpaper.content[:2] == b"PK"
    assert draft.title in zipfile.ZipFile(io.BytesIO(response.content)).read(
        "word/document.xml"
    ).decode("utf-8")


def test_pdf_without_libreoffice_is_a_chinese_503(client, world, monkeypatch):
    _draft(world)

    def unavailable(document):
        raise PdfUnavailable("soffice")

    monkeypatch.setattr(pdf_module, "render_pdf", unavailable)
    response = _as(client, world, "clerk").get(_url("report-pdf", world.orgs["A1"], 1))
    assert response.status_code == 503 and "LibreOffice" in response.json()["detail"]
    # Asking for the file's own type is no 406; an error stays JSON.
    response = client.get(_url("report-pdf", world.orgs["A1"], 1), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 503 and response["Content-Type"] == "application/json"
    assert "LibreOffice" in response.json()["detail"]


def test_a_client_may_ask_for_the_files_type(client, world):
    _draft(world)
    _as(client, world, "clerk")
    docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = client.get(_url("report-docx", world.orgs["A1"], 1), HTTP_ACCEPT=docx)
    assert response.status_code == 200 and response["Content-Type"] == docx
    missing = client.get(_url("report-docx", world.orgs["A1"], 9), HTTP_ACCEPT=docx)
    assert missing.status_code == 404 and missing.json() == {"detail": "没有找到，或您无权查看。"}


def test_pdf_is_rendered_by_libreoffice(client, world):
    require(pdf_available(), "LibreOffice (soffice) is not installed")
    _draft(world)
    response = _as(client, world, "clerk").get(_url("report-pdf", world.orgs["A1"], 1))
    assert response.status_code == 200 and response.content[:5] == b"%PDF-"
