"""Issue 14, acceptance 2: the drafted report never contradicts itself or the ledgers. For every
demo township and year, the .docx read back by the checker raises no error finding; a part
never exceeds its whole unless the clause explains it; a listed name appears once and a count
beside a list equals it; a full on-time rate never sits beside a lapse of the same deadlines."""

import re
from datetime import date

import pytest
from django.utils import timezone

from fazhi.checker import check_bytes
from fazhi.orgs.models import Organisation
from fazhi.reports.docx import render_docx
from fazhi.reports.drafting import draft_document
from fazhi.reports.drafting.tables import DEADLINE_FAMILIES

pytestmark = pytest.mark.django_db

DEMO_TOWNSHIPS = ("999901101", "999901102", "999901103")
THIS_YEAR = timezone.localdate().year
YEARS = (THIS_YEAR - 2, THIS_YEAR - 1, THIS_YEAR)
CASES = [(code, year) for code in DEMO_TOWNSHIPS for year in YEARS]


def _document(code, year):
    organisation = Organisation.objects.get(code=code)
    # Past years are drafted the January after; this year's draft is drafted today.
    today = timezone.localdate() if year == THIS_YEAR else date(year + 1, 1, 20)
    return draft_document(organisation, year, today=today)


@pytest.fixture(params=CASES, ids=[f"{c}-{y}" for c, y in CASES])
def drafted(request, demo):
    code, year = request.param
    document = _document(code, year)
    result = check_bytes(render_docx(document), f"{code}-{year}.docx")
    return document, result


def test_the_checker_finds_no_error_in_the_drafted_docx(drafted):
    document, result = drafted
    assert result["year"] == document.year
    errors = [(f["code"], f["message"]) for f in result["findings"] if f["severity"] == "error"]
    assert errors == []
    codes = {f["code"] for f in result["findings"]}
    assert not codes & {"conflicting_figures", "rate_mismatch"}


def _name(item: str) -> str:
    """The name in a listed item, without the words around it: "“会议”" stays, "主持“会议”" and
    "分别是青山村（市级）被命名为…" become "“会议”" and "青山村"."""
    quoted = re.search(r"[“《][^”》]+[”》]", item)
    if quoted:
        return quoted.group(0)
    leveled = re.match(r"(.*?)（[^）]*级）", item)
    return re.sub(r"^.*(?:分别是|包括)", "", leveled.group(1)) if leveled else item


def _lists(text: str) -> list[list[str]]:
    """The lists of names in a text: clauses of two or more quoted titles or leveled names."""
    found = []
    for sentence in re.split(r"[。；]", text):
        for clause in sentence.split("，"):
            items = [item for item in clause.removesuffix("等").split("、") if item]
            if len(items) > 1 and all(("“" in i or "《" in i or "级）" in i) for i in items):
                found.append([_name(item) for item in items])
    return found


def _village_count_and_list(text: str) -> tuple[int, list[str], bool] | None:
    """The demonstration-village figure and the villages named in its sentence (and whether
    the list says 等)."""
    for sentence in text.split("。"):
        count = re.search(r"民主法治示范村(?:（社区）)?(\d+)个", sentence)
        if count:
            names = re.findall(r"([^、，。：]+?)（[^）]*级）", sentence)
            names = [re.sub(r"^.*(?:分别是|包括)", "", name) for name in names]
            return int(count.group(1)), names, "等" in sentence
    return None


def test_the_list_checks_catch_what_the_old_draft_wrote():
    old = (
        "松岭村（县级）、石桥村（市级）、青山村（县级）、柳溪村（市级）、青山村（市级）"
        "被命名为民主法治示范村（社区），获评民主法治示范村4个。"
    )
    count, names, shortened = _village_count_and_list(old)
    assert (count, len(names), len(set(names)), shortened) == (4, 5, 4, False)
    assert [len(set(n)) < len(n) for n in _lists(old)] == [True]


def test_a_listed_name_appears_once(drafted):
    document, _ = drafted
    lists = []
    for part in document.parts:
        for block in part.blocks:
            lists += _lists(block.text)
    assert lists, "the draft names no records: nothing was checked"
    for names in lists:
        assert len(names) == len(set(names)), names


def test_a_count_beside_a_complete_list_equals_the_list(drafted):
    document, _ = drafted
    found = _village_count_and_list(document.plain_text())
    if found is None:
        return
    count, names, shortened = found
    assert len(names) == len(set(names)), names
    if not shortened:
        assert count == len(names), (count, names)


def test_a_full_on_time_rate_never_sits_beside_a_lapse_of_its_deadlines(drafted):
    document, _ = drafted
    values = {f.code: f.value for f in document.figures if f.year == document.year}
    shortcomings = next(p for p in document.parts if p.key == "shortcomings")
    text = "\n".join(block.text for block in shortcomings.blocks)
    for family in DEADLINE_FAMILIES:
        if family.rate and values.get(family.rate) == 100:
            assert f"{family.name}不够及时" not in text, family.name


def test_the_demo_years_were_all_checked(demo):
    # Guard against the parametrisation quietly shrinking.
    assert len(CASES) == 9 and {year for _, year in CASES} == set(YEARS)


def test_every_explanation_is_one_the_checker_accepts():
    from fazhi.catalogue import load_relations
    from fazhi.reports.drafting.tables import EXPLANATIONS

    allowed = {s.part: s.may_exceed_when for s in load_relations().subsets if not s.strict}
    assert set(EXPLANATIONS) <= set(allowed)
    for code, text in EXPLANATIONS.items():
        assert any(word in text for word in allowed[code]), code
        assert not re.search(r"\d", text), code


def test_a_part_never_exceeds_its_whole_unless_explained(drafted):
    from fazhi.catalogue import load_relations

    document, _ = drafted
    values = {f.code: f.value for f in document.figures if f.year == document.year}
    text = document.plain_text()
    checked = 0
    for subset in load_relations().implied_subsets:
        part, whole = values.get(subset.part), values.get(subset.whole)
        if part is None or whole is None:
            continue
        checked += 1
        if part > whole:
            assert not subset.strict, (subset.part, part, subset.whole, whole)
            assert any(word in text for word in subset.may_exceed_when), subset.part
    assert checked >= 10, "too few pairs stated to test anything"
