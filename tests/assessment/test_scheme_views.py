"""The scheme pages as the county and a township use them."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.assessment import schemes
from fazhi.assessment.models import Item, Scheme
from fazhi.assessment.scheme_io import XLSX, YAML
from fazhi.core import versions
from tests.assessment.scheme_docs import as_yaml, document, item, snapshot


@pytest.fixture
def scheme(world):
    return schemes.scheme_import(None, world.orgs["A"], as_yaml(document()), YAML).scheme


def _login(client, world, role):
    client.force_login(world.users[role])
    return client


def test_detail_shows_rules_in_words_indicator_names_and_sources(client, world, scheme):
    html = _login(client, world, "inspector").get(reverse("schemes:detail", args=[scheme.pk]))
    text = html.content.decode()
    assert html.status_code == 200
    assert "目标 6 次，每缺 1 次扣 0.3 分，最多扣 1.2 分" in text
    assert "每发生 1 次扣 0.5 分，最多扣 2 分" in text
    assert "达到 90% 得满分，每低 10 个百分点扣 1 分" in text
    assert "按时得满分，迟报扣 1 分，漏报扣 2 分" in text
    assert "存在否决情形时考核总分为 0 分" in text
    assert "学法活动" in text  # study.sessions by its Chinese name
    assert "年度报告按时报送（按时/迟报/漏报）" in text
    assert "S1 开江县 第6项" in text and "核查不实另扣 0.5 分" in text
    assert "总分 10 分" in text and "学法用法（6 分）" in text and "报送（4 分，扣完为止）" in text
    assert reverse("schemes:item_edit", args=[scheme.items.get(code="1.1").pk]) in text
    assert 'data-testid="lock"' in text


def test_a_township_reads_the_scheme_without_any_action(client, world, scheme):
    text = _login(client, world, "clerk").get(reverse("schemes:detail", args=[scheme.pk]))
    text = text.content.decode()
    assert "全年学法不少于6次" in text
    assert "schemes/items/" not in text and 'data-testid="lock"' not in text
    assert "导出" not in text
    listing = client.get(reverse("schemes:list")).content.decode()
    assert scheme.title in listing and "复制上一年细则" not in listing


def test_lock_button_locks_and_then_no_edit_is_offered(client, world, scheme):
    _login(client, world, "county_admin")
    response = client.post(
        reverse("schemes:lock", args=[scheme.pk]),
        {"seen_version": versions.current_version(scheme)},
    )
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.locked and scheme.locked_by == world.users["county_admin"]
    text = client.get(reverse("schemes:detail", args=[scheme.pk])).content.decode()
    assert "已锁定" in text and "schemes/items/" not in text
    target = scheme.items.get(code="1.1")
    refused = client.get(reverse("schemes:item_edit", args=[target.pk]))
    assert refused.status_code == 403 and "已锁定" in refused.content.decode()


def test_a_stale_lock_is_refused(client, world, scheme):
    _login(client, world, "inspector")
    seen = versions.current_version(scheme)
    schemes.scheme_import(None, world.orgs["A"], as_yaml(document(title="甲县细则（修订）")), YAML)
    response = client.post(reverse("schemes:lock", args=[scheme.pk]), {"seen_version": seen})
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert not scheme.locked


def test_item_edit_saves_and_shows_errors_in_chinese(client, world, scheme):
    _login(client, world, "inspector")
    target = scheme.items.get(code="2.2")
    url = reverse("schemes:item_edit", args=[target.pk])
    page = client.get(url).content.decode()
    assert 'name="param_per_unit"' in page and 'name="seen_version"' in page
    seen = versions.current_version(target)
    bad = client.post(
        url,
        {
            "title": "逾期",
            "points": "1",
            "param_per_unit": "0.5",
            "param_cap": "2",
            "seen_version": seen,
        },
    )
    assert bad.status_code == 200
    assert "参数“最多扣分”（2）超过本项分值 1 分。" in bad.content.decode()
    target.refresh_from_db()
    assert target.points == 2
    good = client.post(
        url,
        {
            "title": "逾期事项",
            "points": "2",
            "param_per_unit": "1",
            "param_cap": "2",
            "seen_version": seen,
        },
    )
    assert good.status_code == 302
    target.refresh_from_db()
    assert (target.title, target.params) == ("逾期事项", {"per_unit": 1, "cap": 2})
    stale = client.post(
        url,
        {"title": "又改", "points": "2", "param_per_unit": "1", "seen_version": seen},
    )
    assert stale.status_code == 200 and "您打开此页面之后" in stale.content.decode()
    target.refresh_from_db()
    assert target.title == "逾期事项"


def test_points_apart_are_listed_and_block_the_lock(client, world, scheme):
    _login(client, world, "inspector")
    category = scheme.categories.get(name="报送")
    response = client.post(
        reverse("schemes:category_edit", args=[category.pk]),
        {
            "name": "报送",
            "points": "5",
            "floor_at_zero": "on",
            "seen_version": versions.current_version(category),
        },
    )
    assert response.status_code == 302
    text = client.get(reverse("schemes:detail", args=[scheme.pk])).content.decode()
    assert "各类别分值之和为 11 分，与细则总分 10 分不符。" in text
    locked = client.post(reverse("schemes:lock", args=[scheme.pk]), follow=True)
    assert "细则尚有错误，不能锁定" in locked.content.decode()
    scheme.refresh_from_db()
    assert not scheme.locked


def test_copy_page_makes_next_years_scheme(client, world, scheme):
    _login(client, world, "inspector")
    url = reverse("schemes:copy", args=[world.orgs["A"].code])
    page = client.get(url).content.decode()
    assert 'value="2026"' in page  # next year after the latest
    response = client.post(url, {"source": scheme.pk, "year": "2026", "title": ""})
    copy = Scheme.objects.get(county=world.orgs["A"], year=2026)
    assert response.status_code == 302 and response["Location"] == reverse(
        "schemes:detail", args=[copy.pk]
    )
    assert copy.copied_from == scheme and copy.title == "甲县2026年度考核细则"
    again = client.post(url, {"source": scheme.pk, "year": "2026"})
    assert "甲县2026年度已有考核细则" in again.content.decode()


def test_import_page_all_or_nothing_and_export_downloads(client, world, scheme):
    _login(client, world, "county_admin")
    url = reverse("schemes:import", args=[world.orgs["A"].code])
    data = document()
    item(data, "1.1")["indicator"] = "study.nothing"
    item(data, "1.2")["points"] = 9
    before = snapshot(world.orgs["A"])
    response = client.post(url, {"file": SimpleUploadedFile("细则.yaml", as_yaml(data))})
    text = response.content.decode()
    assert "发现 2 处错误，未导入任何内容" in text
    assert "第 1 类（学法用法）：各项分值之和为 12.5 分，与类别分值 6 分不符。" in text
    assert "第 1 类第 1 项（1.1）：指标代码“study.nothing”不在指标目录中。" in text
    assert snapshot(world.orgs["A"]) == before
    wrong = client.post(url, {"file": SimpleUploadedFile("细则.docx", b"x")})
    assert "请上传 .yaml（.yml）或 .xlsx 文件。" in wrong.content.decode()
    exported = client.get(reverse("schemes:export", args=[scheme.pk, XLSX]))
    assert exported.status_code == 200
    assert "attachment" in exported["Content-Disposition"]
    body = b"".join(exported.streaming_content) if exported.streaming else exported.content
    ok = client.post(url, {"file": SimpleUploadedFile("x.xlsx", body), "year": "2027"})
    assert ok.status_code == 302
    assert Scheme.objects.get(county=world.orgs["A"], year=2027).items.count() == 6
    assert Item.objects.filter(scheme=scheme).count() == 6
    assert client.get(reverse("schemes:export", args=[scheme.pk, "pdf"])).status_code == 404
    assert io.BytesIO(body).read(2) == b"PK"
