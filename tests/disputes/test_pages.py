"""The workflow pages: content, the actions offered by state and role, scoping, POST actions,
and personal data masked for roles without the personal-data capability (logged otherwise)."""

from datetime import date

from django.urls import reverse

from fazhi.disputes.models import Petition
from fazhi.disputes.services.petitions import petition_decide
from fazhi.ledgers.models import PersonalDataAccess
from tests.disputes.helpers import ID_NUMBER, make_person, make_petition


def test_petition_page_shows_state_deadlines_and_the_decision_form(client, world):
    petition = make_petition(world)
    client.force_login(world.users["clerk"])
    html = client.get(reverse("disputes:petition", args=[petition.pk])).content.decode()
    assert "已登记（待决定是否受理）" in html and "信访事项受理告知" in html
    assert "2025-03-18" in html and "第二十三条" in html
    assert "作出受理决定" in html
    # The clerk may not see the petitioner: masked, nothing logged.
    assert "欧阳明华" not in html and "欧***" in html and ID_NUMBER not in html
    assert not PersonalDataAccess.objects.exists()


def test_a_reviewer_sees_personal_data_logged_but_no_forms(client, world):
    petition = make_petition(world)
    client.force_login(world.users["reviewer"])
    html = client.get(reverse("disputes:petition", args=[petition.pk])).content.decode()
    assert "欧阳明华" in html and ID_NUMBER in html
    assert "作出受理决定" not in html
    access = PersonalDataAccess.objects.get()
    assert (access.user, access.kind_slug, access.record_id) == (
        world.users["reviewer"],
        "petitions",
        petition.pk,
    )


def test_decision_posted_by_clerk_and_refusal_shown(client, world):
    petition = make_petition(world)
    client.force_login(world.users["clerk"])
    url = reverse("disputes:decide", args=[petition.pk])
    response = client.post(
        url, {"decide-decision": "not_accept", "decide-decided_on": "2025-03-05"}, follow=True
    )
    assert "不予受理须写明理由" in response.content.decode()
    assert Petition.objects.get(pk=petition.pk).status == Petition.Status.REGISTERED
    client.post(url, {"decide-decision": "accept", "decide-decided_on": "2025-03-05"})
    petition.refresh_from_db()
    assert petition.status == Petition.Status.ACCEPTED
    html = client.get(reverse("disputes:petition", args=[petition.pk])).content.decode()
    assert "批准延长办理期限" in html and "登记答复" in html and "信访事项办结" in html


def test_a_leader_may_not_post_an_action(client, world):
    petition = make_petition(world)
    client.force_login(world.users["leader"])
    response = client.post(
        reverse("disputes:decide", args=[petition.pk]),
        {"decide-decision": "accept", "decide-decided_on": "2025-03-05"},
    )
    assert response.status_code == 403
    assert Petition.objects.get(pk=petition.pk).status == Petition.Status.REGISTERED


def test_another_townships_records_are_not_found(client, world):
    petition = make_petition(world, org="A2")
    person = make_person(world, org="A2")
    client.force_login(world.users["clerk"])
    assert client.get(reverse("disputes:petition", args=[petition.pk])).status_code == 404
    assert client.get(reverse("disputes:person", args=[person.pk])).status_code == 404
    response = client.post(
        reverse("disputes:decide", args=[petition.pk]),
        {"decide-decision": "accept", "decide-decided_on": "2025-03-05"},
    )
    assert response.status_code == 404
    petition_decide(actor=None, record=petition, decision="accept", decided_on=date(2025, 3, 5))
    assert client.post(reverse("disputes:visit", args=[person.pk]), {}).status_code == 404


def test_person_page_and_visit_form(client, world):
    person = make_person(world)
    client.force_login(world.users["clerk"])
    url = reverse("disputes:person", args=[person.pk])
    html = client.get(url).content.decode()
    assert "走访逾期" in html and "尚无走访记录" in html and "司马光明" not in html
    today = date.today().isoformat()
    client.post(
        reverse("disputes:visit", args=[person.pk]),
        {
            "visit-visited_on": today,
            "visit-visitor": "林晓",
            "visit-method": "home",
            "visit-situation": "已落实就业",
        },
    )
    html = client.get(url).content.decode()
    assert "已落实就业" in html and "下次走访" in html


def test_overview_shows_rates_and_overdue_visits_without_names(client, world):
    make_person(world, occurred_on=date(2025, 1, 10))
    client.force_login(world.users["leader"])
    html = client.get(reverse("disputes:overview")).content.decode()
    assert "调解成功率" in html and "走访逾期的帮教及重点人员" in html
    assert "刑满释放人员" in html and "司马光明" not in html
