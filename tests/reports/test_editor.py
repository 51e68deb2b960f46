"""The report part editor for people (issue 18, acceptance 3): figures as named chips, a picker
of the catalogue by Chinese name or synonym, no code on the page or in its messages, and the
stored text still the references underneath."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from lxml import html

from fazhi.catalogue import load_catalogue
from fazhi.reports import readable, services
from fazhi.reports.models import PartText, Suggestion
from tests.reports.helpers import YEAR, meeting

pytestmark = pytest.mark.django_db
CODES = [item.code for item in load_catalogue().indicators]
DOMAINS = sorted({code.split(".")[0] + "." for code in CODES})


def _url(name, org, **query):
    url = reverse(f"reports:{name}", kwargs={"code": org.code})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


@pytest.fixture
def draft(world):
    organisation = world.orgs["A1"]
    for month in (3, 6):
        meeting(organisation, year=YEAR, month=month)
    meeting(organisation, year=YEAR - 1, month=5)
    return services.report_create(
        actor=None, organisation=organisation, year=YEAR, today=date(YEAR + 1, 2, 10)
    )


@pytest.fixture
def clerk(client, world):
    client.force_login(world.users["clerk"])
    return client


def seen_by_a_person(page: str) -> str:
    """What a person can read on the page: its text, the text boxes' content, the values of
    visible inputs and the titles, placeholders and labels; not hidden inputs, links' targets
    or data attributes (the figure marks)."""
    tree = html.fromstring(page)
    for hidden in tree.xpath('//input[@type="hidden"] | //script | //style'):
        hidden.drop_tree()
    said = [tree.text_content()]
    for element in tree.xpath("//*[@title or @placeholder or @aria-label or @value]"):
        said += [element.get(name) or "" for name in ("title", "placeholder", "aria-label")]
        if element.tag == "input":
            said.append(element.get("value") or "")
    return "\n".join(said)


def _no_code(text: str):
    leaked = [code for code in CODES if code in text] + [d for d in DOMAINS if d in text]
    assert leaked == [], leaked
    assert "@prev" not in text and "@change" not in text


def test_display_and_stored_text_are_inverse_on_a_drafted_report(draft):
    texts = [part.text for part in draft.parts.all()] + [s.text for s in draft.suggestions.all()]
    assert any("{governance.leading_group_meetings}" in text for text in texts)
    for text in texts + ["花括号{{照写}}，{study.sessions@prev}与{study.sessions@change}"]:
        shown = readable.to_display(text)
        _no_code(shown)
        assert readable.to_stored(shown) == text
    assert (
        readable.to_display("{study.sessions}、{study.sessions@prev}、{study.sessions@change}")
        == "{学法活动}、{学法活动·上年}、{学法活动·较上年}"
    )


def test_names_synonyms_and_suffixes_are_read_and_slips_explained_in_chinese():
    assert readable.to_stored("开会{领导小组会议}") == "开会{governance.leading_group_meetings}"
    assert readable.to_stored("{学法活动 · 去年}{学法活动@同比}") == (
        "{study.sessions@prev}{study.sessions@change}"
    )
    with pytest.raises(ValidationError) as error:
        readable.to_stored("另有{学法活冻}次，{study.sesions}件，{学法活动·明年}，{资料}，}")
    messages = error.value.messages
    assert messages == [
        "“{学法活冻}”不是指标目录中的数字名称：请用“插入数字”搜索后插入。",
        "“另有{学法活冻}次，”之后有一处数字引用无法识别：请删除它，再用“插入数字”重新插入。",
        "“学法活动”之后的“明年”无法识别：本年数不加后缀，上年数写“·上年”，"
        "与上年相比的增减写“·较上年”。",
        "“{资料}”可以指“发放宣传资料”、“发放宣传册（普法读本）”：请用“插入数字”选择其中一个。",
        readable.UNPAIRED,
    ]
    _no_code("".join(messages))


def test_the_edit_page_shows_figures_as_named_chips_and_no_code(clerk, world, draft):
    page = clerk.get(_url("edit", world.orgs["A1"], year=YEAR, v=1, part="achievements"))
    assert page.status_code == 200
    text = page.content.decode()
    _no_code(seen_by_a_person(text))
    tree = html.fromstring(text)
    # The text box holds the figure by its name; the stored text keeps the reference.
    box = tree.xpath('//textarea[@name="text"]')[0].text_content()
    assert "{法治建设领导小组（依法治镇委员会）会议}" in box
    stored = PartText.objects.get(version=draft, key="achievements").text
    assert "{governance.leading_group_meetings}" in stored
    # A chip: the name, this year's value and the change on last year.
    chip = tree.xpath(
        '//*[@data-testid="figure-preview"]//*[contains(@class, "figure-chip")]'
        '[.//*[@data-indicator="governance.leading_group_meetings"]]'
    )[0]
    assert " ".join(chip.text_content().split()) == (
        "法治建设领导小组（依法治镇委员会）会议 2次 · 同比+1次"
    )
    value = chip.xpath('.//*[@data-indicator="governance.leading_group_meetings"]')[0]
    assert (value.get("data-value"), value.get("data-year")) == ("2", str(YEAR))
    # The picker lists the catalogue with each figure's value and the tokens it inserts.
    choices = tree.xpath('//*[@data-testid="figure-choice"]')
    assert len(choices) == len(CODES)
    buttons = tree.xpath('//button[@data-insert="{法治建设领导小组（依法治镇委员会）会议·上年}"]')
    assert buttons and buttons[0].text_content() == "插入上年数"
    # The old help with codes is gone.
    assert "不要手工填写数字" not in text and "指标代码" not in text


def test_the_picker_finds_figures_by_chinese_name_and_by_synonym(clerk, world, draft):
    a1 = world.orgs["A1"]

    def found(query, url_name="figures"):
        page = clerk.get(_url(url_name, a1, year=YEAR, v=1, q=query))
        assert page.status_code == 200
        _no_code(seen_by_a_person(page.content.decode()))
        tree = html.fromstring(page.content.decode())
        return [
            (
                choice.xpath(".//span[contains(@class, 'fw-semibold')]")[0].text_content(),
                " ".join(choice.text_content().split()),
            )
            for choice in tree.xpath('//*[@data-testid="figure-choice"]')
        ]

    by_name = found("学法活动")
    assert by_name[0][0] == "学法活动"
    by_synonym = found("领导小组会议")
    assert by_synonym[0][0] == "法治建设领导小组（依法治镇委员会）会议"
    assert "又称“领导小组会议”" in by_synonym[0][1] and "2次" in by_synonym[0][1]
    assert "上年1次 · 较上年增加1次" in by_synonym[0][1]
    assert found("普法考试")[0][0] == "学法考试"  # a synonym of another name
    assert found("没有这种说法") == []
    # Without JavaScript the search reloads the edit page with the same list.
    assert found("领导小组会议", "edit")[0][0] == "法治建设领导小组（依法治镇委员会）会议"


def test_a_save_keeps_the_reference_and_a_typo_names_no_code(clerk, world, draft):
    a1 = world.orgs["A1"]
    url = _url("edit", a1, year=YEAR, v=1, part="other")
    data = {"form": "part", "part": "other", "year": YEAR, "v": 1}
    before = PartText.objects.get(version=draft, key="other").text

    refused = clerk.post(url, {**data, "text": "召开{领导小组会议}，学法{study.sesions}次。"})
    assert refused.status_code == 200
    errors = html.fromstring(refused.content.decode()).xpath('//*[@role="alert"]')
    said = " ".join(error.text_content() for error in errors)
    assert "“召开{领导小组会议}，学法”之后有一处数字引用无法识别" in said
    _no_code(said)
    assert PartText.objects.get(version=draft, key="other").text == before

    # 预览 without JavaScript: the chips of the typed text, nothing saved.
    typed = "召开{领导小组会议}，较上年{法治建设领导小组（依法治镇委员会）会议·较上年}。"
    shown = clerk.post(url, {**data, "text": typed, "preview": "1"})
    assert shown.status_code == 200
    preview = html.fromstring(shown.content.decode()).xpath('//*[@data-testid="figure-preview"]')
    assert " ".join(preview[0].text_content().split()) == (
        "召开法治建设领导小组（依法治镇委员会）会议 2次 · 同比+1次 ，较上年"
        "法治建设领导小组（依法治镇委员会）会议（较上年） 增加1次 。"
    )
    assert PartText.objects.get(version=draft, key="other").text == before

    saved = clerk.post(url, {**data, "text": typed})
    assert saved.status_code == 302
    assert PartText.objects.get(version=draft, key="other").text == (
        "召开{governance.leading_group_meetings}，较上年{governance.leading_group_meetings@change}。"
    )
    page = clerk.get(url).content.decode()
    box = html.fromstring(page).xpath('//textarea[@name="text"]')[0].text_content().strip()
    assert box == (
        "召开{法治建设领导小组（依法治镇委员会）会议}，"
        "较上年{法治建设领导小组（依法治镇委员会）会议·较上年}。"
    )
    _no_code(seen_by_a_person(page))


def test_the_live_preview_renders_chips_or_says_what_is_wrong(clerk, world, draft):
    url = _url("edit_preview", world.orgs["A1"])
    good = clerk.post(url, {"year": YEAR, "v": 1, "text": "共{学法活动·上年}。"})
    assert good.status_code == 200
    assert " ".join(html.fromstring(good.content.decode()).text_content().split()) == (
        "共学法活动（上年） 0次 。"
    )
    bad = clerk.post(url, {"year": YEAR, "v": 1, "text": "共{学法活}次"})
    said = html.fromstring(bad.content.decode()).text_content()
    assert "“{学法活}”不是指标目录中的数字名称" in said
    # An item's preview (compact) only when its text holds a figure.
    plain = clerk.post(url, {"year": YEAR, "v": 1, "text": "没有数字。", "compact": "1"})
    assert plain.status_code == 200 and plain.content == b""
    figure = clerk.post(url, {"year": YEAR, "v": 1, "text": "{学法活动}", "compact": "1"})
    assert "学法活动" in figure.content.decode()
    # Only those who draft the report: the inspector does not.
    client = clerk
    client.force_login(world.users["inspector"])
    assert client.post(url, {"year": YEAR, "v": 1, "text": "x"}).status_code == 403


def test_suggestions_are_edited_by_name_and_stored_as_references(clerk, world, draft):
    a1 = world.orgs["A1"]
    item = draft.suggestions.filter(part="plans").first()
    Suggestion.objects.filter(pk=item.pk).update(text="学法仅{study.sessions}")
    page = clerk.get(_url("edit", a1, year=YEAR, v=1, part="plans")).content.decode()
    assert "学法仅{学法活动}" in page
    previews = html.fromstring(page).xpath('//*[contains(@class, "figure-preview-item")]')
    filled = [p for p in previews if p.text_content().strip()]
    assert [" ".join(p.text_content().split()) for p in filled] == ["学法仅学法活动 0次 · 同比持平"]
    _no_code(seen_by_a_person(page))
    from tests.editors import seen_version

    response = clerk.post(
        _url("suggestion", a1),
        {
            "year": YEAR,
            "v": 1,
            "suggestion": item.pk,
            "state": "edited",
            "text": "学法{学法活动·较上年}",
            "seen_version": seen_version(page.split(f'value="{item.pk}"', 1)[1]),
        },
    )
    assert response.status_code == 302
    assert Suggestion.objects.get(pk=item.pk).text == "学法{study.sessions@change}"
    response = clerk.post(
        _url("suggestion", a1),
        {"year": YEAR, "v": 1, "suggestion": item.pk, "state": "edited", "text": "学法{学法x}"},
        follow=True,
    )
    said = " ".join(html.fromstring(response.content.decode()).xpath('//*[@role="alert"]/text()'))
    assert "一处数字引用无法识别" in said
    assert Suggestion.objects.get(pk=item.pk).text == "学法{study.sessions@change}"


def test_a_refused_stale_save_shows_the_other_persons_figures_by_name(world, draft):
    from tests.editors import editor, seen_version

    zhang, li = editor(world, "zhang", "张三"), editor(world, "li", "李四")
    url = _url("edit", world.orgs["A1"], year=YEAR, v=1, part="other")
    data = {"form": "part", "part": "other", "year": YEAR, "v": 1}
    zhang_version = seen_version(zhang.get(url).content.decode())
    li_version = seen_version(li.get(url).content.decode())
    text = "学法{学法活动}。"
    assert zhang.post(url, {**data, "text": text, "seen_version": zhang_version}).status_code == 302
    refused = li.post(url, {**data, "text": "李四的。", "seen_version": li_version})
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "→ 学法{学法活动}。" in page
    _no_code(seen_by_a_person(page))
