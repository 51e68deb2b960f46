"""Scores entered over the API as on the self-assessment and review pages: the township's self
score, the county inspector's review (confirm, adjust, falsify, with a finding); each on the
score's version (If-Match 428/412), each role and state as the pages allow, bad input writes
nothing, another township's score is 404."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from fazhi.assessment import services
from fazhi.assessment.models import Assessment, ItemScore
from fazhi.assessment.scoring import refresh_scores
from fazhi.core import versions
from fazhi.supervision.models import Finding
from tests.assessment.scoring_world import simple_scheme
from tests.assessment.test_scoring import sessions
from tests.snapshots import database_state

pytestmark = pytest.mark.django_db
YEAR = 2025
TODAY = date(2026, 12, 6)
MODELS = (Assessment, ItemScore, Finding)


@pytest.fixture
def scheme(world):
    scheme = simple_scheme(world.orgs["A"], YEAR)
    sessions(world.orgs["A1"], 3)
    refresh_scores(scheme, today=TODAY)
    return scheme


def _url(world, item, review=False, org="A1"):
    name = "api:assessment-review" if review else "api:assessment-item"
    return reverse(name, args=[world.orgs[org].code, YEAR, item])


def _as(client, world, role):
    client.force_login(world.users[role])
    return client


def _send(client, url, data, etag=None, method="put"):
    headers = {"HTTP_IF_MATCH": etag} if etag else {}
    return getattr(client, method)(url, data, content_type="application/json", **headers)


def test_the_township_enters_its_self_score_on_the_scores_version(client, world, scheme):
    url = _url(world, "3.1")
    shown = _as(client, world, "clerk").get(url)
    assert shown.status_code == 200
    score = ItemScore.objects.get(assessment__organisation=world.orgs["A1"], item__code="3.1")
    assert shown["ETag"] == f'"{versions.current_version(score)}"'
    assert shown.json()["self_score"] is None and shown.json()["assessment_state"] == "self"
    before = database_state(*MODELS)
    assert _send(client, url, {"self_score": "60"}).status_code == 428
    too_high = _send(client, url, {"self_score": "80"}, shown["ETag"])
    assert too_high.json() == {"non_field_errors": ["自评分应在 0 到 70 分之间。"]}
    assert _send(client, url, {"self_score": "abc"}, shown["ETag"]).status_code == 400
    assert _send(client, url, {"self_score": "1e400"}, shown["ETag"]).status_code == 400
    # 1.1 is computed: a different score needs a note, as on the page.
    other = client.get(_url(world, "1.1"))
    claim = _send(client, _url(world, "1.1"), {"self_score": "20"}, other["ETag"])
    assert claim.json() == {
        "non_field_errors": ["自评分与系统计分不同，请在自评说明中写明理由和依据。"]
    }
    # The inspector never enters a self score.
    refused = _send(_as(client, world, "inspector"), url, {"self_score": "60"}, shown["ETag"])
    assert (
        refused.status_code == 403
        and refused.json()["detail"] == "只有本单位录入员和领导可以填写自评。"
    )
    assert database_state(*MODELS) == before
    saved = _send(
        _as(client, world, "clerk"), url, {"self_score": "60", "self_note": "见台账"}, shown["ETag"]
    )
    assert saved.status_code == 200, saved.content
    assert saved.json()["self_score"] == "60.00" and saved.json()["self_note"] == "见台账"
    score.refresh_from_db()
    assert score.self_score == Decimal("60.00") and score.changed_by == world.users["clerk"]
    assert score.history.latest().history_user == world.users["clerk"]
    before = database_state(*MODELS)
    stale = _send(client, url, {"self_score": "50"}, shown["ETag"], "patch")
    assert stale.status_code == 412 and "已被他人改动" in stale.json()["detail"]
    assert database_state(*MODELS) == before
    # Another township's score does not exist for the clerk.
    assert client.get(_url(world, "3.1", org="A2")).status_code == 404
    assert client.get(_url(world, "9.9")).status_code == 404
    # Once submitted, the self-assessment is closed.
    assessment = score.assessment
    services.submit(actor=world.users["leader"], assessment=assessment)
    closed = _send(client, url, {"self_score": "50"}, saved["ETag"])
    assert closed.status_code == 400 and "自评已提交，不能再修改" in str(closed.json())


def test_the_inspector_reviews_after_submission_as_the_review_page(client, world, scheme):
    url = _url(world, "3.1", review=True)
    etag = _as(client, world, "clerk").get(_url(world, "3.1"))["ETag"]
    etag = _send(client, _url(world, "3.1"), {"self_score": "60"}, etag)["ETag"]
    _as(client, world, "inspector")
    early = _send(client, url, {"action": "confirm"}, etag, "post")
    assert early.status_code == 400 and "尚未提交自评" in str(early.json())
    assessment = Assessment.objects.get(organisation=world.orgs["A1"], scheme=scheme)
    services.submit(actor=world.users["leader"], assessment=assessment)
    # The clerk never reviews; the inspector's bad input writes nothing.
    before = database_state(*MODELS)
    assert (
        _send(_as(client, world, "clerk"), url, {"action": "confirm"}, etag, "post").status_code
        == 403
    )
    _as(client, world, "inspector")
    assert _send(client, url, {"action": "confirm"}, None, "post").status_code == 428
    no_reason = _send(client, url, {"action": "adjust", "final": "50"}, etag, "post")
    assert no_reason.json() == {"non_field_errors": ["调整评定分须说明理由。"]}
    assert _send(client, url, {"action": "guess"}, etag, "post").status_code == 400
    assert database_state(*MODELS) == before
    adjusted = _send(
        client,
        url,
        {"action": "adjust", "final": "50", "reason": "台账不全", "open_finding": True},
        etag,
        "post",
    )
    assert adjusted.status_code == 200, adjusted.content
    assert adjusted.json()["final"] == "50.00" and adjusted.json()["review"] == "adjusted"
    score = ItemScore.objects.get(assessment=assessment, item__code="3.1")
    assert score.history.latest().history_user == world.users["inspector"]
    finding = Finding.objects.get(organisation=world.orgs["A1"], source_ref=f"score:{score.pk}")
    assert finding.opened_by == world.users["inspector"]
    stale = _send(client, url, {"action": "confirm"}, etag, "post")
    assert stale.status_code == 412
    # Another county's inspector never sees the township.
    assert (
        client.get(
            reverse("api:assessment-item", args=[world.orgs["B1"].code, YEAR, "3.1"])
        ).status_code
        == 404
    )
