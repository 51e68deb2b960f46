"""Issue 18, acceptance 4: a period's source is a clean citation or the local-rule sentence, and
no research mark (【…】, 未核实, 未找到原文, R21-style codes, 二手) reaches a page with sources."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from lxml import html as lxml_html

from fazhi.deadlines.models import Deadline
from fazhi.deadlines.periods import COUNTY_SET_MARKS, LOCAL_RULE, all_periods, get_period
from fazhi.decisions.models import MajorDecision
from fazhi.enforcement.models.ledgers import Case
from fazhi.ledgers.registry import kind_for_model
from fazhi.normative.models import CleanupRound, NormativeDocument
from fazhi.orgs.models import Organisation

RESEARCH = re.compile(r"【[^】]*】|未核实|未找到原文|二手|(?<![A-Za-z0-9])R\d{1,3}(?![0-9])")
CITATION = re.compile(r"^《[^》]+》(第[一二三四五六七八九十百零]+条)?(（[^）]+）)?$")
COUNTY = "999901"
QINGSHAN = "999901101"


def test_every_period_has_a_clean_citation_or_says_it_follows_local_rules():
    for period in all_periods():
        assert not RESEARCH.search(period.source + period.summary), period.code
        if period.mark in COUNTY_SET_MARKS:
            assert period.source == LOCAL_RULE, period.code
        else:
            assert CITATION.match(period.source), period.source
    assert get_period("penalty.case_closing").source == "《中华人民共和国行政处罚法》第六十条"
    assert get_period("petition.handling").source == "《信访工作条例》第三十四条"
    assert get_period("normative.legality_review").source == ("以本地规定为准，可在县级设置中调整")


def test_the_research_pattern_catches_each_mark():
    for marked in ("【地方 R21】", "（…的说法未核实）", "全国性期限未找到原文", "【二手】", "R21"):
        assert RESEARCH.search(marked), marked
    assert not RESEARCH.search("《中华人民共和国行政复议法》第三十一条")


def _text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    root = lxml_html.fromstring(response.content.decode())
    for hidden in root.xpath("//script|//style"):
        hidden.drop_tree()
    return root.text_content()


def _record_url(deadline) -> str:
    model = ContentType.objects.get_for_id(deadline.record_type_id).model_class()
    kind = kind_for_model(model)
    return reverse("deadlines:record", kwargs={"kind": kind.slug, "pk": deadline.record_id})


def _pages() -> list[str]:
    county = Organisation.objects.get(code=COUNTY)
    urls = [
        reverse("deadlines:periods"),
        reverse("deadlines:period_edit", kwargs={"code": county.code}),
        reverse("deadlines:list"),
        reverse("deadlines:county"),
        reverse("normative:expiring"),
        reverse("reports:township", kwargs={"code": QINGSHAN}),
        reverse("reports:settings", kwargs={"code": COUNTY}),
    ]
    # One record page per period used in the demo, and each app's record page showing sources.
    seen = set()
    for deadline in Deadline.objects.order_by("pk"):
        if deadline.code not in seen:
            seen.add(deadline.code)
            urls.append(_record_url(deadline))
    urls += [
        reverse("normative:record", kwargs={"pk": d.pk})
        for d in NormativeDocument.objects.all()[:3]
    ]
    urls += [
        reverse("normative:cleanup", kwargs={"pk": c.pk}) for c in CleanupRound.objects.all()[:1]
    ]
    urls += [reverse("enforcement:record", kwargs={"pk": c.pk}) for c in Case.objects.all()[:3]]
    urls += [
        reverse("decisions:record", kwargs={"pk": d.pk}) for d in MajorDecision.objects.all()[:3]
    ]
    return urls


@pytest.mark.django_db
def test_no_research_mark_on_any_page_showing_sources(client, demo):
    admin = get_user_model().objects.create_superuser("sources.admin", password="x-Fazhi-2026")
    client.force_login(admin)
    urls = _pages()
    assert len(urls) > 12
    shown = []
    for url in urls:
        text = _text(client, url)
        found = RESEARCH.findall(text)
        assert not found, (url, found)
        shown.append(text)
    joined = "\n".join(shown)
    assert "《中华人民共和国行政处罚法》第六十条" in joined
    assert LOCAL_RULE in joined
