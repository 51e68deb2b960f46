import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.orgs.models import Membership, Organisation
from fazhi.orgs.roles import Level, Role

COUNTY = "230407"  # 兴山区: 4 townships, 8 villages in the list


def test_a_fresh_install_sets_up_its_county_from_the_list(client, db):
    root = get_user_model().objects.create_superuser(username="root", password="Root-pass-2026")
    client.force_login(root)
    html = client.get(reverse("orgs:setup"), {"q": "兴山"}).content.decode()
    assert "黑龙江省 鹤岗市" in html and reverse("orgs:setup_county", args=[COUNTY]) in html
    browse = client.get(reverse("orgs:setup"), {"province": "黑龙江省"}).content.decode()
    assert "鹤岗市" in browse
    page = client.get(reverse("orgs:setup_county", args=[COUNTY])).content.decode()
    assert "乡镇（街道）4 个、村（社区）8 个" in page
    response = client.post(reverse("orgs:setup_county", args=[COUNTY]))
    assert response.status_code == 302
    county = Organisation.objects.get(code=COUNTY)
    assert Organisation.objects.filter(path__startswith=county.path).count() == 1 + 4 + 8
    assert Membership.objects.get(user=root).role == Role.ADMIN
    client.post(reverse("orgs:setup_county", args=[COUNTY]))
    assert Organisation.objects.count() == 13
    assert (
        "名录中的单位均已建立"
        in client.get(reverse("orgs:setup_county", args=[COUNTY])).content.decode()
    )


def test_setup_is_closed_to_township_admins_and_other_counties(client, world):
    client.force_login(world.users["admin"])
    assert client.get(reverse("orgs:setup")).status_code == 403
    client.force_login(world.users["county_admin"])
    assert client.get(reverse("orgs:setup")).status_code == 200
    # 甲县 is not 兴山区: refused, and nothing created
    assert client.post(reverse("orgs:setup_county", args=[COUNTY])).status_code == 403
    assert not Organisation.objects.filter(division_code__startswith=COUNTY).exists()


def test_add_merge_abolish_through_the_pages(client, world):
    client.force_login(world.users["admin"])  # township admin of 甲镇
    url = reverse("orgs:add", args=[world.orgs["A1"].code])
    response = client.post(url, {"code": "100001101203", "name": "新城社区"})
    assert response.status_code == 302
    added = Organisation.objects.get(code="100001101203")
    assert (added.level, added.parent) == (Level.VILLAGE, world.orgs["A1"])
    again = client.post(url, {"code": "100001101203", "name": "新城社区"}).content.decode()
    assert "该代码已被其他单位使用" in again
    # villages of their own township: yes; the township itself: no
    response = client.post(
        reverse("orgs:merge", args=[added.code]), {"survivor": world.orgs["A1V2"].pk}
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert added.merged_into == world.orgs["A1V2"]
    assert client.get(reverse("orgs:merge", args=["100001101"])).status_code == 403
    assert client.post(reverse("orgs:abolish", args=["100001101"])).status_code == 403
    response = client.post(
        reverse("orgs:abolish", args=[world.orgs["A1V1"].code]), {"reason": "撤村"}
    )
    assert response.status_code == 302
    detail = client.get(reverse("orgs:detail", args=[world.orgs["A1V1"].code])).content.decode()
    assert "撤销" in detail and "新记录不能再选择该单位" in detail


def test_import_page_reports_errors_in_chinese_and_changes_nothing(client, world):
    client.force_login(world.users["county_admin"])
    code = world.orgs["A"].code
    data = client.get(reverse("orgs:export", args=[code])).content
    sheet = load_workbook(io.BytesIO(data)).active
    sheet.cell(row=4, column=4, value="村（社区）")
    out = io.BytesIO()
    sheet.parent.save(out)
    upload = SimpleUploadedFile("tree.xlsx", out.getvalue())
    html = client.post(reverse("orgs:import", args=[code]), {"file": upload}).content.decode()
    assert "发现 1 处错误，未导入任何数据" in html and "已有单位的层级不能修改" in html
    junk = SimpleUploadedFile("tree.xlsx", b"not a workbook")
    html = client.post(reverse("orgs:import", args=[code]), {"file": junk}).content.decode()
    assert "无法读取该文件" in html


def test_the_command_line_sets_up_a_county_once(db):
    from django.core.management import CommandError, call_command

    out = io.StringIO()
    call_command("orgs_setup", "--county", "兴山区", stdout=out)
    assert "名录中乡镇（街道）4 个、村（社区）8 个" in out.getvalue()
    assert "已建立：乡镇（街道）4 个，村（社区）8 个。" in out.getvalue()
    out = io.StringIO()
    call_command("orgs_setup", "--county", COUNTY, stdout=out)
    assert "已建立：乡镇（街道）0 个，村（社区）0 个。" in out.getvalue()
    assert Organisation.objects.count() == 13
    try:
        call_command("orgs_setup", "--county", "鼓楼区", stdout=io.StringIO())
    except CommandError as error:
        assert "对应多个县（区）" in str(error)
    else:
        raise AssertionError("an ambiguous name must be refused")


def test_a_stale_rename_is_refused_and_the_other_change_shown(client, world):
    from fazhi.core import versions
    from fazhi.orgs import services

    village = world.orgs["A1V1"]
    seen = versions.current_version(village)
    services.organisation_update(
        actor=world.users["county_admin"], organisation=village, name="他人改名"
    )
    client.force_login(world.users["admin"])
    url = reverse("orgs:edit", args=[village.code])
    html = client.post(
        url, {"code": village.code, "name": "我的改名", "seen_version": seen}
    ).content.decode()
    assert 'data-testid="conflict"' in html and "我的改名" in html
    village.refresh_from_db()
    assert village.name == "他人改名"
