"""The collection board's background jobs: every township's draft in one zip, and the missing
checks of one county's submitted reports (never another county's)."""

import io
import zipfile

import pytest
from django.urls import reverse

from fazhi.jobs import services as job_services
from fazhi.jobs.models import Job, JobState
from fazhi.reports import services
from fazhi.reports.models import ReportVersion
from tests.reports.helpers import YEAR
from tests.reports.test_collection import _draft, _submit


def _post(client, name, county, year=YEAR):
    return client.post(reverse(name), {"county": county.code, "year": str(year)})


def test_the_county_drafts_every_townships_report_as_a_job(client, world):
    client.force_login(world.users["inspector"])
    response = _post(client, "reports:board_drafts_job", world.orgs["A"])
    job = Job.objects.get()
    assert response["Location"] == reverse("jobs:detail", kwargs={"pk": job.pk})
    assert (job.state, job.done, job.total, job.unit) == (JobState.DONE, 2, 2, "个乡镇")
    assert job.organisation == world.orgs["A"]
    data = b"".join(client.get(reverse("jobs:download", args=[job.pk])).streaming_content)
    names = sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    assert names == [
        f"乙镇{YEAR}年度法治政府建设情况报告（草稿）.docx",
        f"甲镇{YEAR}年度法治政府建设情况报告（草稿）.docx",
    ]
    assert job.result_name == f"甲县{YEAR}年度报告草稿.zip"


@pytest.mark.parametrize("role", ["clerk", "leader", "county_admin"])
def test_only_the_countys_inspectors_start_the_board_jobs(client, world, role):
    client.force_login(world.users[role])
    for name in ("reports:board_drafts_job", "reports:board_checks_job"):
        assert _post(client, name, world.orgs["A"]).status_code == 404
    assert not Job.objects.exists()


def test_an_inspector_cannot_start_them_for_another_county(client, world):
    client.force_login(world.users["inspector"])
    assert _post(client, "reports:board_drafts_job", world.orgs["B"]).status_code == 404
    assert not Job.objects.exists()


def test_a_wrong_year_is_refused_before_any_job(client, world):
    client.force_login(world.users["inspector"])
    response = _post(client, "reports:board_drafts_job", world.orgs["A"], year=1900)
    assert response.status_code == 302 and "board" in response["Location"]
    assert not Job.objects.exists()


def test_the_missing_checks_of_one_county_run_as_a_job(client, world):
    mine, theirs = _submit(_draft(world, "A1")), _submit(_draft(world, "B1"))
    ReportVersion.objects.filter(pk__in=[mine.pk, theirs.pk]).update(
        check_summary=None, check_result=None
    )
    client.force_login(world.users["inspector"])
    _post(client, "reports:board_checks_job", world.orgs["A"])
    job = Job.objects.get()
    assert (job.state, job.done, job.total) == (JobState.DONE, 1, 1)
    assert job.message == "已对 1 份尚无审查结果的已报送报告补做审查。"
    assert ReportVersion.objects.get(pk=mine.pk).check_summary is not None
    assert ReportVersion.objects.get(pk=theirs.pk).check_summary is None
    assert job_services.result_path(job) is None


def test_the_command_still_checks_every_county(world):
    versions = [_submit(_draft(world, key)) for key in ("A1", "B1")]
    ReportVersion.objects.filter(pk__in=[v.pk for v in versions]).update(check_summary=None)
    assert services.check_unchecked_versions() == 2
