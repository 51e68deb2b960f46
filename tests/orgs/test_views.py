from django.urls import reverse

from fazhi.orgs.models import Organisation


def test_admin_edit_is_shown_in_history_with_who_and_what(client, world):
    client.force_login(world.users["admin"])
    township = world.orgs["A1"]
    response = client.post(
        reverse("orgs:edit", args=[township.code]),
        {"code": township.code, "name": "甲镇人民政府", "reason": "机构更名"},
        follow=True,
    )
    assert "单位信息已保存" in response.content.decode()
    html = client.get(reverse("orgs:history", args=[township.code])).content.decode()
    assert "admin" in html
    assert "名称：甲镇 → 甲镇人民政府" in html
    assert "机构更名" in html


def test_edit_with_a_duplicate_code_shows_the_error_and_saves_nothing(client, world):
    client.force_login(world.users["admin"])
    village = world.orgs["A1V1"]
    response = client.post(
        reverse("orgs:edit", args=[village.code]),
        {"code": "100001101202", "name": "改名村", "reason": ""},
    )
    assert response.status_code == 200
    assert "该代码已被其他单位使用" in response.content.decode()
    assert Organisation.objects.get(pk=village.pk).name == "甲一村"


def test_list_filters_by_level_and_text(client, world):
    client.force_login(world.users["inspector"])
    response = client.get(reverse("orgs:list"), {"level": "village", "q": "甲"})
    listed = [org.name for org in response.context["organisations"]]
    assert listed == ["甲一村", "甲二村"]


def test_home_shows_the_township_and_its_villages(client, world):
    client.force_login(world.users["clerk"])
    html = client.get(reverse("home")).content.decode()
    assert "甲镇" in html and "甲一村" in html and "录入员" in html
