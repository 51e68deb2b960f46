"""The self-assessment and review pages, evidence downloads and the home panel, as each role
sees them."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.assessment import services
from fazhi.assessment.models import AssessmentState, Evidence, Item, ReviewState, RuleKind
from fazhi.core import versions
from fazhi.orgs.roles import Role
from fazhi.orgs.services import membership_grant
from tests.assessment.conftest import YEAR, build_scheme, pdf_upload, study_record
from tests.inline_code import inline_code
from tests.test_permission_matrix import assert_no_external_urls

pytestmark = pytest.mark.django_db


def url(name, code="100001101", **kwargs):
    return reverse(f"assessment:{name}", kwargs={"code": code, **kwargs}) + f"?year={YEAR}"


def person(world, username, org_key, role):
    user = get_user_model().objects.create_user(username=username, password="x")
    membership_grant(actor=None, user=user, organisation=world.orgs[org_key], role=role)
    return user


def login(client, user):
    client.force_login(user)
    return client


def test_the_self_page_lists_every_item_with_its_score_and_figure(client, world, scheme_world):
    response = login(client, world.users["clerk"]).get(url("self"))
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("1.1", "1.2", "2.1"):
        assert f'data-testid="item-{code}"' in html
    assert "缺 3 × 1 分，得 0 分" in html  # 1.1's basis
    # The clerk fills in; the leader submits.
    assert ">提交自评</button>" not in html and "只有本单位领导可以提交自评" in html
    leader_page = login(client, world.users["leader"]).get(url("self")).content.decode()
    assert "人工评分项须填写自评分：1.2" in leader_page


def test_the_self_page_costs_the_same_queries_whatever_the_number_of_items(
    client, world, scheme_world
):
    login(client, world.users["clerk"])
    client.get(url("self"))  # makes the rows
    with CaptureQueriesContext(connection) as few:
        assert client.get(url("self")).status_code == 200
    category = scheme_world.items["2.1"].category
    for position in range(2, 12):
        Item.objects.create(
            scheme=scheme_world.scheme,
            category=category,
            position=position,
            code=f"2.{position}",
            title="更多项目",
            points=1,
            kind=RuleKind.MANUAL,
        )
    client.get(url("self"))  # makes the new rows
    assessment = scheme_world.assessment(world.orgs["A1"])
    services.evidence_upload(
        actor=world.users["clerk"],
        score=assessment.scores.get(item__code="2.5"),
        uploaded=pdf_upload(),
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(url("self"))
    assert response.content.decode().count('data-testid="item-') == 13
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_scoping_another_township_or_county_is_not_found(client, world, scheme_world):
    login(client, world.users["clerk"])
    assert client.get(url("self", code="100001102")).status_code == 404
    assert client.get(url("self_item", code="100001102", item="1.1")).status_code == 404
    # The other county's inspector sees nothing of this county.
    build_scheme(world, county="B")
    other_inspector = person(world, "inspector.b", "B", Role.INSPECTOR)
    login(client, other_inspector)
    assert client.get(url("review")).status_code == 404
    assert client.get(url("self")).status_code == 404
    assert client.get(url("review", code="200001101")).status_code == 200
    # Roles that never see assessments are refused before anything is looked up.
    login(client, world.users["reviewer"])
    assert client.get(url("self")).status_code == 403


def test_saving_a_self_score_and_a_stale_save(client, world, scheme_world):
    login(client, world.users["clerk"])
    score = scheme_world.score(world.orgs["A1"], "1.2")
    seen = versions.current_version(score)
    response = client.post(
        url("self_item", item="1.2"),
        {"self_score": "3", "self_note": "已建立学法制度", "seen_version": seen},
    )
    assert response.status_code == 302
    score.refresh_from_db()
    assert score.self_score == Decimal("3.00")
    # The same (now old) version again: refused, the person's input kept, nothing saved.
    response = client.post(
        url("self_item", item="1.2"), {"self_score": "1", "self_note": "", "seen_version": seen}
    )
    assert response.status_code == 409
    assert 'data-testid="conflict"' in response.content.decode()
    score.refresh_from_db()
    assert score.self_score == Decimal("3.00")


def test_submit_locks_the_page_for_the_township(client, world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.2")
    services.self_score_save(actor=world.users["clerk"], score=score, self_score="4", note="")
    assert login(client, world.users["clerk"]).post(url("submit")).status_code == 403
    login(client, world.users["leader"])
    assert client.post(url("submit")).status_code == 302
    assessment = scheme_world.assessment(world.orgs["A1"])
    assert assessment.state == AssessmentState.SUBMITTED
    login(client, world.users["clerk"])
    response = client.post(url("self_item", item="1.2"), {"self_score": "1"}, follow=True)
    assert "自评已提交" in response.content.decode()
    score.refresh_from_db()
    assert score.self_score == Decimal("4.00")
    page = client.get(url("self_item", item="1.2")).content.decode()
    assert 'data-testid="self-form"' not in page and "上传" not in page


def test_picking_records_and_uploading_through_the_page(client, world, scheme_world):
    own, _ = study_record(world.orgs["A1"])
    other, _ = study_record(world.orgs["A2"])
    login(client, world.users["clerk"])
    page = client.get(url("self_item", item="1.1") + "&kind=study-sessions").content.decode()
    assert f'name="record" value="{own.pk}"' in page
    assert f'name="record" value="{other.pk}"' not in page
    client.post(url("evidence_record", item="1.1"), {"kind": "study-sessions", "record": other.pk})
    assert Evidence.objects.count() == 0
    client.post(url("evidence_record", item="1.1"), {"kind": "study-sessions", "record": own.pk})
    client.post(url("evidence_upload", item="1.1"), {"file": pdf_upload(), "note": "纪要"})
    assert sorted(Evidence.objects.values_list("year", "note")) == [(YEAR, ""), (YEAR, "纪要")]


def test_evidence_files_are_served_only_to_the_township_and_its_inspectors(
    client, world, scheme_world
):
    score = scheme_world.score(world.orgs["A1"], "1.1")
    evidence = services.evidence_upload(
        actor=world.users["clerk"], score=score, uploaded=pdf_upload(body=b"secret")
    )
    download = url("evidence", pk=evidence.pk)
    for user in (world.users["clerk"], world.users["leader"], world.users["inspector"]):
        response = login(client, user).get(download)
        assert response.status_code == 200
        assert b"secret" in b"".join(response.streaming_content)
    neighbour = person(world, "clerk.a2", "A2", Role.CLERK)
    assert login(client, neighbour).get(download).status_code == 404
    # Nor under the neighbour's own code.
    scheme_world.assessment(world.orgs["A2"])
    assert client.get(url("evidence", code="100001102", pk=evidence.pk)).status_code == 404
    build_scheme(world, county="B")
    assert (
        login(client, person(world, "insp.b", "B", Role.INSPECTOR)).get(download).status_code == 404
    )
    assert login(client, world.users["reviewer"]).get(download).status_code == 403
    client.logout()
    assert client.get(download).status_code == 302  # to the login page


def test_review_through_the_page_with_history(client, world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.2")
    services.self_score_save(actor=world.users["clerk"], score=score, self_score="4", note="")
    services.submit(
        actor=world.users["leader"], assessment=scheme_world.assessment(world.orgs["A1"])
    )
    login(client, world.users["inspector"])
    page = client.get(url("review"))
    assert page.status_code == 200 and "完成评定：还有未审核的项目" in page.content.decode()
    prefix = f"s{score.pk}"
    response = client.post(
        url("review_item", item="1.2"),
        {f"{prefix}-action": "adjust", f"{prefix}-final": "2", f"{prefix}-reason": ""},
        follow=True,
    )
    assert "调整评定分须说明理由" in response.content.decode()
    score.refresh_from_db()
    assert score.review == ReviewState.PENDING
    client.post(
        url("review_item", item="1.2"),
        {f"{prefix}-action": "adjust", f"{prefix}-final": "2", f"{prefix}-reason": "制度未印发"},
    )
    score.refresh_from_db()
    assert (score.review, score.final) == (ReviewState.ADJUSTED, Decimal("2.00"))
    history = login(client, world.users["clerk"]).get(url("history", item="1.2")).content.decode()
    assert "调整：制度未印发" in history and "自评" in history
    assert "修改人：clerk → inspector" in history  # people by name, not by id
    assert login(client, world.users["clerk"]).post(url("complete")).status_code == 403


def test_home_panel_for_the_township_and_the_inspector(client, world, scheme_world):
    assessment = scheme_world.assessment(world.orgs["A1"])
    home = login(client, world.users["clerk"]).get(reverse("home")).content.decode()
    assert 'data-testid="assessment-panel"' in home and "待自评" in home
    assert url("self").replace("&", "&amp;") in home or url("self") in home
    inspector_home = login(client, world.users["inspector"]).get(reverse("home")).content.decode()
    assert 'data-testid="assessment-panel"' not in inspector_home  # nothing submitted yet
    score = scheme_world.score(world.orgs["A1"], "1.2")
    services.self_score_save(actor=world.users["clerk"], score=score, self_score="4", note="")
    services.submit(actor=world.users["leader"], assessment=assessment)
    inspector_home = login(client, world.users["inspector"]).get(reverse("home")).content.decode()
    assert "考核自评与审核（1）" in inspector_home and "待审核" in inspector_home
    assert url("review") in inspector_home
    clerk_home = login(client, world.users["clerk"]).get(reverse("home")).content.decode()
    assert 'data-testid="assessment-panel"' not in clerk_home
    services.return_self(actor=world.users["inspector"], assessment=assessment, reason="补佐证")
    clerk_home = login(client, world.users["clerk"]).get(reverse("home")).content.decode()
    assert "已退回" in clerk_home
    assert "县督察已退回自评，理由：补佐证。" in client.get(url("self")).content.decode()
    reviewer_home = login(client, world.users["reviewer"]).get(reverse("home")).content.decode()
    assert 'data-testid="assessment-panel"' not in reviewer_home


def test_pages_with_data_have_no_inline_code_and_no_other_township(client, world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.2")
    services.self_score_save(actor=world.users["clerk"], score=score, self_score="4", note="")
    services.evidence_upload(actor=world.users["clerk"], score=score, uploaded=pdf_upload())
    study_record(world.orgs["A1"])
    study_record(world.orgs["A2"])
    scheme_world.assessment(world.orgs["A2"])
    pages = {
        "clerk": [
            url("self"),
            url("self_item", item="1.2") + "&kind=study-sessions",
            url("history", item="1.2"),
            reverse("assessment:index") + f"?year={YEAR}",
        ],
        "inspector": [url("review"), reverse("assessment:index") + f"?year={YEAR}"],
    }
    services.submit(
        actor=world.users["leader"], assessment=scheme_world.assessment(world.orgs["A1"])
    )
    for role, urls in pages.items():
        login(client, world.users[role])
        for address in urls:
            response = client.get(address)
            assert response.status_code == 200, address
            html = response.content.decode()
            assert inline_code(html) == [], address
            assert_no_external_urls(html)
            if role == "clerk":
                assert "乙镇" not in html, address


def test_a_stale_review_is_refused_with_the_inspectors_input_kept(client, world, scheme_world):
    score = scheme_world.score(world.orgs["A1"], "1.2")
    services.self_score_save(actor=world.users["clerk"], score=score, self_score="4", note="")
    services.submit(
        actor=world.users["leader"], assessment=scheme_world.assessment(world.orgs["A1"])
    )
    seen = versions.current_version(score)
    services.review_item(actor=world.users["inspector"], score=score, action="confirm")
    prefix = f"s{score.pk}"
    response = login(client, world.users["inspector"]).post(
        url("review_item", item="1.2"),
        {
            f"{prefix}-action": "adjust",
            f"{prefix}-final": "1",
            f"{prefix}-reason": "旧页面上的调整",
            f"{prefix}-seen_version": seen,
        },
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert 'data-testid="conflict"' in html and "旧页面上的调整" in html
    score.refresh_from_db()
    assert (score.review, score.final) == (ReviewState.CONFIRMED, Decimal("4.00"))


def test_record_evidence_opens_the_record_for_those_who_may_see_it(client, world, scheme_world):
    record, _ = study_record(world.orgs["A1"])
    evidence = services.evidence_add_record(
        actor=world.users["clerk"],
        score=scheme_world.score(world.orgs["A1"], "1.1"),
        kind_slug="study-sessions",
        record_id=record.pk,
    )
    response = login(client, world.users["inspector"]).get(url("evidence", pk=evidence.pk))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "ledgers:detail", kwargs={"kind": "study-sessions", "pk": record.pk}
    )


def test_the_index_opens_on_the_latest_year_with_the_users_townships(client, world, scheme_world):
    scheme_world.assessment(world.orgs["A1"])
    scheme_world.assessment(world.orgs["A2"])
    clerk_page = login(client, world.users["clerk"]).get(reverse("assessment:index"))
    html = clerk_page.content.decode()
    assert f'value="{YEAR}"' in html and "甲镇" in html and "乙镇" not in html
    assert "审核评定" not in html
    html = login(client, world.users["inspector"]).get(reverse("assessment:index")).content.decode()
    assert "甲镇" in html and "乙镇" in html and html.count(">审核评定</a>") == 2
