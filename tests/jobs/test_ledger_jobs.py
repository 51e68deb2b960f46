"""The ledgers' export and import run as background jobs above their thresholds, with the same
contents, masking and access log as inside the request, and nothing saved when they fail."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.jobs import services
from fazhi.jobs.models import Job, JobState
from fazhi.ledgers import jobs as ledger_jobs
from fazhi.ledgers.models import PersonalDataAccess
from fazhi.ledgers.registry import get_kind
from fazhi.ledgers.services import record_create
from fazhi.study.models import StudySession
from tests.ledgers.helpers import sample_rows, workbook_with_rows

MEDIATIONS = get_kind("mediations")
STUDY = get_kind("study-sessions")


def _cells(data: bytes) -> list[tuple]:
    return [
        tuple(row) for row in load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)
    ]


@pytest.fixture
def mediations(world):
    organisation = world.orgs["A1"]
    for values in sample_rows(MEDIATIONS, organisation, 6):
        record_create(actor=None, kind=MEDIATIONS, organisation=organisation, data=values)


@pytest.mark.parametrize("role", ["leader", "inspector"])  # names shown / masked
def test_an_export_above_the_threshold_is_a_job_with_the_same_contents(
    client, world, mediations, monkeypatch, role
):
    client.force_login(world.users[role])
    url = reverse("ledgers:export", args=[MEDIATIONS.slug]) + "?year=2025"
    monkeypatch.setattr(ledger_jobs, "EXPORT_JOB_ROWS", 100)
    inline = client.get(url)
    assert inline.status_code == 200 and not Job.objects.exists()
    logged_inline = PersonalDataAccess.objects.count()

    monkeypatch.setattr(ledger_jobs, "EXPORT_JOB_ROWS", 3)
    monkeypatch.setattr("fazhi.ledgers.excel.EXPORT_CHUNK", 4)  # several chunks
    response = client.get(url)
    job = Job.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    assert (job.state, job.done, job.total) == (JobState.DONE, 6, 6)
    assert job.message == f"已导出 6 行{MEDIATIONS.label}。"
    download = client.get(reverse("jobs:download", kwargs={"pk": job.pk}))
    data = b"".join(download.streaming_content)
    assert _cells(data) == _cells(inline.content)
    assert len(_cells(data)) == 2 + 6
    # The same unmasked reads are logged (none for a role that sees the names masked).
    assert PersonalDataAccess.objects.count() - logged_inline == logged_inline
    column = _cells(data)[0].index("当事人")
    parties = [row[column] for row in _cells(data)[2:]]
    assert all(("*" in name) == (role == "inspector") for name in parties), parties


def test_an_export_keeps_the_list_filters(client, world, mediations, monkeypatch):
    monkeypatch.setattr(ledger_jobs, "EXPORT_JOB_ROWS", -1)  # even an empty one
    client.force_login(world.users["clerk"])
    client.get(reverse("ledgers:export", args=[MEDIATIONS.slug]) + "?year=1990")
    job = Job.objects.get()
    assert job.params["query"] == {"year": ["1990"]}
    assert (job.state, job.total) == (JobState.DONE, 0)


def _study_rows(count: int) -> list[dict]:
    from datetime import date, timedelta

    first = date(2025, 1, 1)
    return [
        {
            "occurred_on": first + timedelta(days=n % 300),
            "session_type": "lecture",
            "topic": f"民法典专题讲座第{n}讲",
            "attendees": 30,
            "hours": 2,
        }
        for n in range(count)
    ]


def test_a_large_import_is_a_job_that_saves_every_row(client, world, monkeypatch):
    monkeypatch.setattr(ledger_jobs, "IMPORT_JOB_ROWS", 5)
    client.force_login(world.users["clerk"])
    data = workbook_with_rows(STUDY, _study_rows(12), "甲镇")
    response = client.post(
        reverse("ledgers:import", args=[STUDY.slug]),
        {"file": SimpleUploadedFile("学法.xlsx", data)},
    )
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    assert (job.state, job.done, job.total) == (JobState.DONE, 12, 12)
    assert job.message == "导入完成：新增 12 条，更新 0 条，未变化 0 条。"
    assert StudySession.objects.count() == 12
    assert not (services.job_folder(job.pk) / "input").exists()  # the upload is not kept


def test_a_failed_import_job_saves_nothing_and_names_the_rows(client, world, monkeypatch):
    monkeypatch.setattr(ledger_jobs, "IMPORT_JOB_ROWS", 5)
    client.force_login(world.users["clerk"])
    rows = _study_rows(12)
    rows[9]["hours"] = 30
    data = workbook_with_rows(STUDY, rows, "甲镇")
    client.post(
        reverse("ledgers:import", args=[STUDY.slug]),
        {"file": SimpleUploadedFile("学法.xlsx", data)},
    )
    job = Job.objects.get()
    assert job.state == JobState.FAILED
    assert job.message.splitlines() == [
        "发现 1 处错误，未导入任何数据。请修改后重新导入。",
        "第 12 行“学时”：一次学习的学时不能超过 24。",
    ]
    assert not StudySession.objects.exists()
    assert list(services.job_folder(job.pk).iterdir()) == []


def test_a_small_import_stays_in_the_request(client, world):
    client.force_login(world.users["clerk"])
    data = workbook_with_rows(STUDY, _study_rows(3), "甲镇")
    response = client.post(
        reverse("ledgers:import", args=[STUDY.slug]),
        {"file": SimpleUploadedFile("学法.xlsx", data)},
    )
    assert "导入完成：新增 3 条" in response.content.decode()
    assert not Job.objects.exists()
