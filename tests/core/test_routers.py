"""The read replica (fazhi.core.routers): only a marked read-only page reads it, only for the data
it aggregates, never after a write; settings install it only when DATABASE_REPLICA_URL is set.

In-process, the replica is a second connection to the test database (a test mirror, as settings
makes it), added for this module only, so no other test meets it."""

import copy
import datetime

import pytest
from django.contrib.auth import get_user_model
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.routers import PIN_COOKIE, REPLICA, ReplicaRouter, replica_reads
from fazhi.orgs.models import Membership, Organisation
from fazhi.publicity.models import Activity
from tests.core.test_settings import _production_env, _run

ROUTER = "fazhi.core.routers.ReplicaRouter"
BOTH = ["default", REPLICA]


@pytest.fixture(scope="module", autouse=True)
def replica_alias(django_db_setup, django_db_blocker):
    replica = copy.deepcopy(connections["default"].settings_dict)
    replica["TEST"] = {**replica["TEST"], "MIRROR": "default"}
    connections.settings[REPLICA] = replica
    yield
    with django_db_blocker.unblock():
        connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def routed(settings):
    settings.DATABASE_ROUTERS = [ROUTER]


def _tables(captured) -> str:
    return " ".join(query["sql"] for query in captured.captured_queries).lower()


def _activity(organisation) -> Activity:
    return Activity.objects.create(
        organisation=organisation,
        occurred_on=datetime.date(2025, 3, 1),
        year=2025,
        title="宪法宣传",
        form=Activity.Form.LECTURE,
        target=Activity.Target.VILLAGES,
    )


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_only_reads_inside_a_block_of_the_figure_apps_go_to_the_replica(routed, world):
    _activity(world.orgs["A1"])
    replica_side = CaptureQueriesContext(connections[REPLICA])
    with replica_side as replica, CaptureQueriesContext(connections["default"]) as primary:
        assert Activity.objects.count() == 1  # outside a block
        with replica_reads():
            assert Activity.objects.count() == 1  # the replica sees committed rows
            assert Organisation.objects.filter(code="100001101").exists()
            assert Membership.objects.filter(user=world.users["clerk"]).exists()
            assert get_user_model().objects.filter(username="clerk").exists()
    assert len(replica) == 2
    assert "publicity_activity" in _tables(replica) and "orgs_organisation" in _tables(replica)
    assert "orgs_membership" not in _tables(replica) and "accounts_user" not in _tables(replica)
    assert "orgs_membership" in _tables(primary) and "accounts_user" in _tables(primary)
    assert "publicity_activity" in _tables(primary)  # the read outside the block


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_after_a_write_or_inside_a_transaction_the_block_reads_the_primary(routed, world):
    with CaptureQueriesContext(connections[REPLICA]) as replica, replica_reads():
        with transaction.atomic():
            assert not Activity.objects.exists()
        _activity(world.orgs["A1"])
        assert Activity.objects.count() == 1  # read right after the write: the primary
    assert len(replica) == 0


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_object_read_from_the_replica_is_saved_on_the_primary(routed, world):
    made = _activity(world.orgs["A1"])
    with replica_reads():
        activity = Activity.objects.get(pk=made.pk)
    assert activity._state.db == REPLICA
    activity.title = "民法典宣传"
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        activity.save()
        assert activity.organisation.code == "100001101"  # outside the block: the primary
    assert len(replica) == 0
    assert Activity.objects.using("default").get(pk=made.pk).title == "民法典宣传"


def test_the_replica_is_never_migrated_and_relations_span_both_copies():
    router = ReplicaRouter()
    assert router.allow_migrate(REPLICA, "publicity") is False
    assert router.allow_migrate("default", "publicity") is None
    assert router.allow_migrate("pgmove_target", "publicity") is None  # fazhi move-to-postgres
    one, other = Organisation(), Organisation()
    one._state.db, other._state.db = "default", REPLICA
    assert router.allow_relation(one, other) is True


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_dashboards_read_the_replica_until_the_person_saves_something(routed, client, world):
    _activity(world.orgs["A1"])
    client.force_login(world.users["inspector"])
    url = reverse("dashboards:township", kwargs={"code": "100001101"})
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(url).status_code == 200
    assert "publicity_activity" in _tables(replica)
    for private in ("accounts_user", "django_session", "orgs_membership", "api_apitoken"):
        assert private not in _tables(replica)

    client.cookies[PIN_COOKIE] = "1"  # what ReplicaPinMiddleware sets after a write
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(url).status_code == 200
    assert len(replica) == 0


def test_pin_middleware_marks_a_writer_for_the_pin_window(rf, settings):
    from django.http import HttpResponse

    from fazhi.core.routers import ReplicaPinMiddleware

    settings.DATABASE_REPLICA_PIN_SECONDS = 7
    middleware = ReplicaPinMiddleware(lambda request: HttpResponse("ok"))
    assert PIN_COOKIE not in middleware(rf.get("/dashboards/")).cookies
    cookie = middleware(rf.post("/ledgers/x/new/")).cookies[PIN_COOKIE]
    assert cookie["max-age"] == 7 and cookie["httponly"]


_SHOW = (
    "import django; django.setup(); from django.conf import settings as s;"
    "r = s.DATABASES.get('replica') or {};"
    "print(r.get('HOST'), r.get('TEST', {}).get('MIRROR'), s.DATABASE_ROUTERS,"
    " 'fazhi.core.routers.ReplicaPinMiddleware' in s.MIDDLEWARE, s.MIDDLEWARE[-1])"
)


def test_settings_add_the_replica_only_when_its_url_is_set(tmp_path):
    env = {**_production_env(tmp_path), "DATABASE_URL": "postgres://u:p@db1.internal:5432/fazhi"}
    plain = _run(_SHOW, env)
    assert plain.stdout.split() == ["None", "None", "[]", "False", "axes.middleware.AxesMiddleware"]
    env["DATABASE_REPLICA_URL"] = "postgres://reader:p@db2.internal:5432/fazhi"
    with_replica = _run(_SHOW, env)
    assert with_replica.returncode == 0, with_replica.stderr
    assert with_replica.stdout.split() == [
        "db2.internal",
        "default",
        f"['{ROUTER}']",
        "True",
        "axes.middleware.AxesMiddleware",
    ]


def test_a_replica_without_postgresql_is_refused(tmp_path):
    env = {**_production_env(tmp_path), "DATABASE_REPLICA_URL": "postgres://r:p@db2/fazhi"}
    result = _run(_SHOW, env)  # DATABASE_URL unset: SQLite
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL" in result.stderr


@pytest.fixture
def replica_down(monkeypatch):
    """The replica refuses connections (a standby being restarted); `.tries` counts attempts."""
    from django.db import OperationalError

    from fazhi.core import routers

    tries = []

    def refuse(*args, **kwargs):
        tries.append(1)
        raise OperationalError("connection refused")

    monkeypatch.setattr(routers, "_down_until", 0.0)
    monkeypatch.setattr(connections[REPLICA], "ensure_connection", refuse)
    routers.tries = tries
    yield routers
    del routers.tries


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_an_unreachable_replica_leaves_the_pages_on_the_primary(
    routed, client, world, replica_down, monkeypatch
):
    _activity(world.orgs["A1"])
    client.force_login(world.users["inspector"])
    url = reverse("dashboards:township", kwargs={"code": "100001101"})
    with CaptureQueriesContext(connections["default"]) as primary:
        assert client.get(url).status_code == 200
    assert "publicity_activity" in _tables(primary)
    assert len(replica_down.tries) == 1
    # Not tried again within the retry window ...
    assert client.get(url).status_code == 200 and len(replica_down.tries) == 1
    # ... and used again once it answers after the window.
    monkeypatch.undo()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(url).status_code == 200
    assert "publicity_activity" in _tables(replica)


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_healthz_reports_a_failed_replica_as_degraded_not_down(client, replica_down):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "migrations": "ok", "media": "ok", "replica": "failed"},
    }


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_healthz_checks_a_working_replica(client, monkeypatch):
    from fazhi.core import routers

    monkeypatch.setattr(routers, "_down_until", 0.0)
    body = client.get(reverse("healthz")).json()
    assert body["status"] == "ok" and body["checks"]["replica"] == "ok"


@pytest.mark.django_db(transaction=True, databases=BOTH)
def test_the_county_report_board_reads_the_replica(routed, client, world):
    client.force_login(world.users["inspector"])
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        assert client.get(reverse("reports:board")).status_code == 200
    assert "reports_" in _tables(replica)
    # Who may see what stays on the primary (names of who received a report come joined to it).
    for private in ("django_session", "orgs_membership", "api_apitoken"):
        assert private not in _tables(replica)
