"""Permission matrix entries for fazhi.jobs: a person's own jobs only; another person's job
(the other township's clerk's) is not found, and so is its file."""

from django.contrib.auth import get_user_model

from fazhi.jobs import services
from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant
from tests.matrix_rules import NOT_ALLOWED, Route


def _job(world, role, which):
    """The role's own finished test job, or one of another township's clerk; the anonymous
    visitor is tried on the clerk's."""
    users = world.users
    if which == "own":
        owner = users.get(role) or users["clerk"]
    else:
        owner, made = get_user_model().objects.get_or_create(username="matrix.jobs.other")
        if made:
            membership_grant(actor=None, user=owner, organisation=world.orgs["A2"], role=Role.CLERK)
    from tests.jobs.conftest import TEST_KIND

    job = services.start(owner, TEST_KIND.code, {"count": 2}, title="矩阵测试任务")
    return {"pk": job.pk}


ENTRIES = {
    "jobs:list": Route(),
    "jobs:detail": Route(args=_job),
    "jobs:download": Route(args=_job),
    # The collection board's jobs (fazhi.reports.jobs): POST only, tried in tests/jobs.
    "reports:board_drafts_job": Route(own=NOT_ALLOWED),
    "reports:board_checks_job": Route(own=NOT_ALLOWED),
}
