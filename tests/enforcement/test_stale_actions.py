"""No lost update on the case page: an action that writes the case carries its version, so a
second person acting on what they saw before the first person's action is refused, shown that
action, and keeps what they typed; actions that only add a step carry none."""

import pytest
from django.urls import reverse

from fazhi.enforcement.models import Case, CaseOfficer
from tests.editors import editor, seen_version
from tests.enforcement.helpers import case, officer, staffed_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(world):
    return editor(world, "zhang", "张三"), editor(world, "li", "李四")


def test_a_second_hearing_on_a_stale_page_is_refused_showing_the_first(world, people):
    zhang, li = people
    record = staffed_case(world)
    page = reverse("enforcement:record", args=[record.pk])
    zhang_version = seen_version(zhang.get(page).content.decode(), "hearing")
    li_version = seen_version(li.get(page).content.decode(), "hearing")
    assert zhang_version == li_version
    url = reverse("enforcement:hearing", args=[record.pk])

    saved = zhang.post(url, {"hearing-day": "2025-03-10", "hearing-seen_version": zhang_version})
    assert saved.status_code == 302
    refused = li.post(url, {"hearing-day": "2025-03-12", "hearing-seen_version": li_version})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "登记听证未保存：您打开此页面之后，张三于" in html and "登记听证（听证日期）" in html
    assert "听证日期：（空） → 2025-03-10" in html
    assert 'name="hearing-day" value="2025-03-12"' in html  # 李四's input, shown again
    assert Case.objects.get(pk=record.pk).hearing_on.isoformat() == "2025-03-10"

    current = seen_version(html, "hearing")
    assert current not in ("", li_version)
    again = li.post(url, {"hearing-day": "2025-03-12", "hearing-seen_version": current})
    assert again.status_code == 302
    assert Case.objects.get(pk=record.pk).hearing_on.isoformat() == "2025-03-12"


def test_a_decision_already_taken_keeps_the_second_persons_text(world, people):
    zhang, li = people
    record = staffed_case(world)
    page = reverse("enforcement:record", args=[record.pk])
    version = seen_version(zhang.get(page).content.decode(), "decide")
    url = reverse("enforcement:decide", args=[record.pk])
    data = {"decide-decided_on": "2025-04-01", "decide-seen_version": version}
    assert zhang.post(url, {**data, "decide-result": "罚款2000元"}).status_code == 302
    refused = li.post(url, {**data, "decide-result": "警告并责令改正"})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "张三于" in html and "作出决定" in html and "警告并责令改正</textarea>" in html
    assert Case.objects.get(pk=record.pk).decision_result == "罚款2000元"


def test_an_ordinary_action_still_works_and_moves_the_version_on(world, people):
    zhang, _li = people
    record = staffed_case(world)
    page = reverse("enforcement:record", args=[record.pk])
    before = seen_version(zhang.get(page).content.decode(), "hearing")
    url = reverse("enforcement:hearing", args=[record.pk])
    response = zhang.post(url, {"hearing-day": "2025-03-10", "hearing-seen_version": before})
    assert response.status_code == 302
    after = seen_version(zhang.get(page).content.decode(), "decide")
    assert int(after) > int(before)


def test_adding_steps_carries_no_version_and_both_people_add(world, people):
    zhang, li = people
    record = case(world)
    html = zhang.get(reverse("enforcement:record", args=[record.pk])).content.decode()
    assert seen_version(html, "officer_add") == ""
    url = reverse("enforcement:officer_add", args=[record.pk])
    for client, name, number in ((zhang, "赵一", "A1-101"), (li, "钱二", "A1-102")):
        chosen = officer(world, name, number)
        data = {"officer_add-officer": chosen.pk, "officer_add-assigned_on": "2025-03-04"}
        assert client.post(url, data).status_code == 302
    assert set(CaseOfficer.objects.values_list("name", flat=True)) == {"赵一", "钱二"}
