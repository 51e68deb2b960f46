"""Background jobs through the eager runner (the tests' settings): progress, failure, download
permission, notifications, staleness."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from fazhi.jobs import services
from fazhi.jobs.models import Job, JobState
from fazhi.notifications.models import Notification
from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant
from tests.jobs.conftest import TEST_KIND


def _start(user, **params):
    return services.start(user, TEST_KIND.code, params, title="测试任务")


def test_progress_reaches_the_total_and_the_file_is_kept(world):
    job = _start(world.users["clerk"], count=7)
    assert (job.state, job.done, job.total, job.percent) == (JobState.DONE, 7, 7, 100)
    assert job.message == "已数到 7。"
    assert services.result_path(job).read_text(encoding="utf-8").split() == [
        str(n) for n in range(7)
    ]
    assert [p.name for p in services.job_folder(job.pk).iterdir()] == ["result.txt"]


def test_a_failed_job_says_why_and_leaves_no_file(world):
    job = _start(world.users["clerk"], count=5, fail_at=2)
    assert job.state == JobState.FAILED
    assert job.message == "测试任务在第 2 步失败。"
    assert job.result_file == ""
    assert services.result_path(job) is None
    assert list(services.job_folder(job.pk).iterdir()) == []  # the partial file is gone


def test_an_unexpected_error_is_a_chinese_reason_not_a_trace(world):
    job = _start(world.users["clerk"], count=5, crash_at=1)
    assert job.state == JobState.FAILED
    assert job.message == services.INTERNAL_ERROR
    assert "RuntimeError" not in job.message
    assert list(services.job_folder(job.pk).iterdir()) == []


def test_permission_is_checked_before_the_job_is_made(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied, match="无权执行该测试任务"):
        _start(world.users["clerk"], refuse=True)
    assert not Job.objects.exists()


def test_a_job_runs_once_even_when_delivered_twice(world):
    job = _start(world.users["clerk"], count=2)
    services.run(job.pk)  # a second delivery: already claimed, nothing happens
    job.refresh_from_db()
    assert (job.state, job.done) == (JobState.DONE, 2)


def _other_township_clerk(world):
    other = get_user_model().objects.create_user(username="yizhen.clerk", password="x")
    membership_grant(actor=None, user=other, organisation=world.orgs["A2"], role=Role.CLERK)
    return other


def test_download_only_for_the_owner(client, world):
    job = _start(world.users["clerk"], count=3)
    url = reverse("jobs:download", kwargs={"pk": job.pk})
    client.force_login(world.users["clerk"])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).split() == [b"0", b"1", b"2"]
    assert "attachment" in response["Content-Disposition"]
    for stranger in (_other_township_clerk(world), world.users["inspector"]):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
        assert client.get(reverse("jobs:detail", kwargs={"pk": job.pk})).status_code == 404
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_download_is_refused_once_the_owner_may_no_longer_run_it(client, world):
    job = _start(world.users["clerk"], count=1)
    Job.objects.filter(pk=job.pk).update(params={"count": 1, "refuse": True})
    client.force_login(world.users["clerk"])
    assert client.get(reverse("jobs:download", kwargs={"pk": job.pk})).status_code == 404


def test_the_progress_page_shows_percent_rows_and_the_link(client, world):
    clerk = world.users["clerk"]
    job = _start(clerk, count=4)
    client.force_login(clerk)
    html = client.get(reverse("jobs:detail", kwargs={"pk": job.pk})).content.decode()
    assert "100%" in html and "已处理 4 / 4 步" in html
    assert reverse("jobs:download", kwargs={"pk": job.pk}) in html
    assert "下载 数数.txt" in html
    assert "hx-trigger" not in html  # finished: no more polling
    running = Job.objects.create(
        user=clerk,
        kind=TEST_KIND.code,
        title="进行中的任务",
        state=JobState.RUNNING,
        done=250,
        total=1000,
        unit="步",
        heartbeat=timezone.now(),
    )
    page = client.get(reverse("jobs:detail", kwargs={"pk": running.pk}))
    html = page.content.decode()
    assert "25%" in html and "已处理 250 / 1,000 步" in html
    assert 'hx-trigger="every 2s"' in html
    assert "下载" not in html
    fragment = client.get(reverse("jobs:detail", kwargs={"pk": running.pk}), HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode() and "25%" in fragment.content.decode()


def test_a_failed_job_page_shows_the_reason(client, world):
    clerk = world.users["clerk"]
    job = _start(clerk, count=5, fail_at=3)
    client.force_login(clerk)
    html = client.get(reverse("jobs:detail", kwargs={"pk": job.pk})).content.decode()
    assert "测试任务在第 3 步失败。" in html and "未完成" in html
    assert reverse("jobs:download", kwargs={"pk": job.pk}) not in html


def test_the_list_shows_only_my_jobs(client, world):
    mine = _start(world.users["clerk"], count=1)
    theirs = _start(world.users["leader"], count=1)
    client.force_login(world.users["clerk"])
    html = client.get(reverse("jobs:list")).content.decode()
    assert reverse("jobs:detail", kwargs={"pk": mine.pk}) in html
    assert reverse("jobs:detail", kwargs={"pk": theirs.pk}) not in html


def test_a_finished_job_notifies_its_owner_once_and_opening_it_settles(client, world):
    clerk = world.users["clerk"]
    done = _start(clerk, count=2)
    failed = _start(clerk, count=2, fail_at=0)
    notes = Notification.objects.filter(user=clerk, group="jobs")
    assert set(notes.values_list("key", "title")) == {
        (f"job:{done.pk}:done", "测试任务：已完成，可下载"),
        (f"job:{failed.pk}:failed", "测试任务：未完成"),
    }
    assert notes.get(key=f"job:{done.pk}:done").url == reverse("jobs:detail", args=[done.pk])
    assert not Notification.objects.exclude(user=clerk).filter(group="jobs").exists()
    client.force_login(clerk)
    client.get(reverse("jobs:detail", kwargs={"pk": done.pk}))
    assert notes.get(key=f"job:{done.pk}:done").resolved_at is not None
    assert notes.get(key=f"job:{failed.pk}:failed").resolved_at is None
    client.get(reverse("notifications:list"))  # a later sync makes no second notification
    assert notes.count() == 2


def test_a_job_whose_runner_went_away_is_failed_with_a_reason(client, world):
    clerk = world.users["clerk"]
    old = timezone.now() - timedelta(hours=2)
    running = Job.objects.create(
        user=clerk,
        kind=TEST_KIND.code,
        title="中断的任务",
        state=JobState.RUNNING,
        heartbeat=old,
    )
    queued = Job.objects.create(
        user=clerk, kind=TEST_KIND.code, title="没有开始的任务", heartbeat=old
    )
    client.force_login(clerk)
    client.get(reverse("jobs:list"))
    running.refresh_from_db()
    queued.refresh_from_db()
    assert running.state == queued.state == JobState.FAILED
    assert "任务已中断" in running.message
    assert "后台任务进程可能未运行" in queued.message


def test_every_page_header_links_to_the_persons_jobs(client, world):
    from lxml import html as lxml_html

    client.force_login(world.users["clerk"])
    document = lxml_html.fromstring(client.get(reverse("home")).content)
    link = document.xpath('//a[@data-testid="nav-jobs"]')[0]
    assert link.get("href") == reverse("jobs:list") and link.text_content() == "后台任务"
    assert client.get(link.get("href")).status_code == 200


def test_files_of_jobs_finished_long_ago_are_removed_as_a_new_job_starts(world, client, settings):
    settings.FAZHI_JOB_KEEP_DAYS = 14
    clerk = world.users["clerk"]
    old, recent = _start(clerk, count=3), _start(clerk, count=4)
    Job.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(days=15))
    Job.objects.filter(pk=recent.pk).update(finished_at=timezone.now() - timedelta(days=13))
    newest = _start(clerk, count=2)  # starting a job expires the old files
    old.refresh_from_db()
    assert old.result_file == "" and not services.job_folder(old.pk).exists()
    assert old.message == "结果文件已超过保留期限（14 天）并已删除；如仍需要，请重新发起。"
    assert services.result_path(Job.objects.get(pk=recent.pk)).is_file()
    assert services.result_path(newest).is_file()
    client.force_login(clerk)
    assert client.get(reverse("jobs:download", args=[old.pk])).status_code == 404
    page = client.get(reverse("jobs:detail", args=[old.pk])).content.decode()
    assert "已超过保留期限" in page and 'data-testid="job-download"' not in page
    assert services.expire_results() == 0  # nothing left to remove
