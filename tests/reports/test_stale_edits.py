"""No lost update in the report editor: two people edit the same part (or title block, or
suggestion) of a draft; the second save is refused with the first person's change shown, the
first's text stays and the second's typed text is shown again."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.reports import services
from fazhi.reports.models import PartText, Suggestion
from tests.editors import editor, seen_version
from tests.reports.helpers import YEAR

pytestmark = pytest.mark.django_db


def _url(name, org, **query):
    url = reverse(f"reports:{name}", kwargs={"code": org.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def draft(world):
    organisation = world.orgs["A1"]
    return services.report_create(
        actor=None, organisation=organisation, year=YEAR, today=date(YEAR + 1, 2, 10)
    )


@pytest.fixture
def people(world):
    return editor(world, "zhang", "张三"), editor(world, "li", "李四")


def _after(html: str, marker: str) -> str:
    return html.split(marker, 1)[1]


def test_the_second_save_of_a_part_is_refused_showing_the_first(world, draft, people):
    zhang, li = people
    a1 = world.orgs["A1"]
    url = _url("edit", a1, year=YEAR, v=1, part="other")
    zhang_version = seen_version(zhang.get(url).content.decode())
    li_version = seen_version(li.get(url).content.decode())
    assert zhang_version == li_version
    before = PartText.objects.get(version=draft, key="other").text
    data = {"form": "part", "part": "other", "year": YEAR, "v": 1}

    saved = zhang.post(url, {**data, "text": "张三写的其他情况。", "seen_version": zhang_version})
    assert saved.status_code == 302

    refused = li.post(url, {**data, "text": "李四写的其他情况。", "seen_version": li_version})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "保存未生效" in html and "已保存" not in html
    assert "张三于" in html and "修改“其他需要报告的情况”（正文）" in html
    assert f"正文：{before} → 张三写的其他情况。" in html
    assert "李四写的其他情况。</textarea>" in html  # 李四's text, shown again
    assert PartText.objects.get(version=draft, key="other").text == "张三写的其他情况。"

    current = seen_version(html)
    assert current not in ("", li_version)
    again = li.post(url, {**data, "text": "李四写的其他情况。", "seen_version": current})
    assert again.status_code == 302
    assert PartText.objects.get(version=draft, key="other").text == "李四写的其他情况。"


def test_an_ordinary_part_save_works_and_moves_the_version_on(world, draft, people):
    zhang, _li = people
    url = _url("edit", world.orgs["A1"], year=YEAR, v=1, part="other")
    data = {"form": "part", "part": "other", "year": YEAR, "v": 1}
    first = seen_version(zhang.get(url).content.decode())
    assert zhang.post(url, {**data, "text": "第一稿。", "seen_version": first}).status_code == 302
    second = seen_version(zhang.get(url).content.decode())
    assert int(second) > int(first)
    assert zhang.post(url, {**data, "text": "第二稿。", "seen_version": second}).status_code == 302
    assert PartText.objects.get(version=draft, key="other").text == "第二稿。"


def test_the_title_block_is_checked_too(world, draft, people):
    zhang, li = people
    url = _url("edit", world.orgs["A1"], year=YEAR, v=1, part="other")
    version = seen_version(_after(zhang.get(url).content.decode(), 'value="details"'))
    data = {"form": "details", "part": "other", "year": YEAR, "v": 1, "seen_version": version}
    saved = zhang.post(url, {**data, "title": "张三定的标题", "signed_on": "2025-02-20"})
    assert saved.status_code == 302
    refused = li.post(url, {**data, "title": "李四定的标题", "signed_on": "2025-02-21"})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "张三于" in html and "张三定的标题" in html and 'value="李四定的标题"' in html
    draft.refresh_from_db()
    assert draft.title == "张三定的标题"


def test_a_suggestion_is_checked_too(world, draft, people):
    zhang, li = people
    a1 = world.orgs["A1"]
    item = draft.suggestions.filter(part="shortcomings").first()
    page = _url("edit", a1, year=YEAR, v=1, part="shortcomings")
    marker = f'name="suggestion" value="{item.pk}"'
    version = seen_version(_after(zhang.get(page).content.decode(), marker))
    data = {"year": YEAR, "v": 1, "suggestion": item.pk, "seen_version": version}
    saved = zhang.post(_url("suggestion", a1), {**data, "state": "edited", "text": "张三改的不足"})
    assert saved.status_code == 302
    refused = li.post(_url("suggestion", a1), {**data, "state": "dropped", "text": "李四的备注"})
    assert refused.status_code == 409
    html = refused.content.decode()
    assert "张三于" in html and "张三改的不足" in html
    kept = _after(html, marker)
    assert "李四的备注</textarea>" in kept and 'value="dropped" selected' in kept
    assert Suggestion.objects.get(pk=item.pk).state == "edited"
