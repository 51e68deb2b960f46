"""A report version's page offers exactly the workflow actions (审定, 报送, 公开, 新建版本)
whose service accepts valid input, in every state and for every role."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.reports import services
from fazhi.reports.models import ReportVersion
from tests.reports.helpers import YEAR
from tests.workflow_actions import accepted

pytestmark = pytest.mark.django_db
ROLES = ("clerk", "leader", "reviewer", "inspector")
SUBMITTED_ON, PUBLISHED_ON = date(YEAR + 1, 2, 20), date(YEAR + 1, 3, 20)


def sample_calls(pk, actor) -> dict:
    def fresh():
        return ReportVersion.objects.select_related("report__organisation").get(pk=pk)

    return {
        "approve": lambda: services.version_approve(actor=actor, version=fresh()),
        "submit": lambda: services.version_submit(
            actor=actor, version=fresh(), submitted_on=SUBMITTED_ON
        ),
        "publish": lambda: services.version_publish(
            actor=actor,
            version=fresh(),
            published_on=PUBLISHED_ON,
            channel="政府网站",
            secrecy_reviewed=True,
        ),
        "new_version": lambda: services.version_new(actor=actor, version=fresh()),
    }


@pytest.fixture
def versions(world):
    def draft(year):
        return services.report_create(actor=None, organisation=world.orgs["A1"], year=year)

    states = {"draft": draft(YEAR)}
    empty = draft(YEAR - 1)
    services.part_save(actor=None, version=empty, key="achievements", text="")
    states["draft_with_an_empty_part"] = empty
    for year, name in ((YEAR - 2, "approved"), (YEAR - 3, "submitted"), (YEAR - 4, "published")):
        version = services.version_approve(actor=None, version=draft(year))
        if name != "approved":
            version = services.version_submit(
                actor=None, version=version, submitted_on=SUBMITTED_ON
            )
        if name == "published":
            version = services.version_publish(
                actor=None,
                version=version,
                published_on=PUBLISHED_ON,
                channel="政府网站",
                secrecy_reviewed=True,
            )
        states[name] = version
    # An approved version whose report already has a newer draft: no second draft.
    first = services.version_approve(actor=None, version=draft(YEAR - 5))
    states["newer_draft"] = services.version_new(actor=None, version=first)
    states["approved_with_a_newer_draft"] = first
    return states


@pytest.mark.parametrize("role", ROLES)
def test_offered_exactly_when_the_service_accepts(world, versions, role):
    actor = world.users[role]
    seen = set()
    for state, version in versions.items():
        version = ReportVersion.objects.get(pk=version.pk)
        offered = set(services.open_actions(actor, version))
        assert offered == accepted(sample_calls(version.pk, actor)), state
        seen |= offered
    expected = {
        "clerk": {"publish", "new_version"},
        "leader": set(services.ACTION_CHECKS),
        "reviewer": set(),
        "inspector": set(),
    }
    assert seen == expected[role]


def test_the_page_shows_the_open_actions_only(client, world, versions):
    client.force_login(world.users["leader"])
    version = versions["approved_with_a_newer_draft"]
    url = reverse("reports:township", kwargs={"code": "100001101"})
    html = client.get(url, {"year": version.report.year, "v": version.number}).content.decode()
    assert "报送县委依法治县办" in html
    # The report already has a draft (version 2): copying version 1 again would be refused.
    assert "复制为新版本" not in html
