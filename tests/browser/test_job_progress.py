"""A clerk watches a background job's progress page fill (htmx polling, no reload), then
downloads its file; at desktop and phone width, with screenshots."""

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from fazhi.jobs import services
from fazhi.jobs.models import Job, JobState
from tests.world import PASSWORD, build_world

pytestmark = pytest.mark.browser


def test_the_progress_page_follows_the_job(
    live_server, transactional_db, browser_page, artifacts_dir
):
    build_world()
    clerk = get_user_model().objects.get(username="clerk")
    job = Job.objects.create(
        user=clerk,
        kind="ledgers.export",
        title="导出普法活动",
        params={"kind": "publicity-activities", "query": {}},
        state=JobState.RUNNING,
        done=18_000,
        total=72_000,
        started_at=timezone.now(),
        heartbeat=timezone.now(),
    )
    page = browser_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    status = page.get_by_test_id("job-progress")
    assert "25%" in status.inner_text() and "已处理 18,000 / 72,000 行" in status.inner_text()
    page.screenshot(path=str(artifacts_dir / "job-running.png"), full_page=True)

    Job.objects.filter(pk=job.pk).update(done=54_000, heartbeat=timezone.now())
    page.get_by_text("已处理 54,000 / 72,000 行").wait_for(timeout=10_000)  # polled, not reloaded

    folder = services.job_folder(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "result.xlsx").write_bytes(b"PK test")
    Job.objects.filter(pk=job.pk).update(
        state=JobState.DONE,
        done=72_000,
        message="已导出 72,000 行普法活动。",
        result_file="result.xlsx",
        result_name="普法活动_20261207.xlsx",
        finished_at=timezone.now(),
    )
    link = page.get_by_test_id("job-download")
    link.wait_for(timeout=10_000)
    assert page.get_by_test_id("job-state").inner_text() == "已完成"
    assert "100%" in page.get_by_test_id("job-progress").inner_text()
    page.screenshot(path=str(artifacts_dir / "job-done.png"), full_page=True)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "普法活动_20261207.xlsx"

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    page.screenshot(path=str(artifacts_dir / "job-done-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the job page scrolls sideways at 390 px ({width} px)"
    page.goto(f"{live_server.url}/jobs/")
    page.screenshot(path=str(artifacts_dir / "jobs-list-phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the job list scrolls sideways at 390 px ({width} px)"
    assert page.external_requests == []
