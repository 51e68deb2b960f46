"""The indicator catalogue: a versioned data file every consumer reads."""

from __future__ import annotations

import pytest
import yaml

from fazhi.catalogue import CATALOGUE_PATH, CatalogueError, load_catalogue
from fazhi.catalogue.loader import parse_catalogue

# The ledgers of DESIGN.md §3.1, by the domain prefix of their indicator codes.
DOMAINS = ["governance", "study", "publicity", "normative", "decisions", "enforcement",
           "disputes", "legal_services", "openness"]  # fmt: skip


def test_at_least_forty_indicators_covering_every_ledger():
    catalogue = load_catalogue()
    assert len(catalogue) >= 40
    assert catalogue.version >= 1
    prefixes = {code.split(".")[0] for code in catalogue.by_code}
    assert set(DOMAINS) <= prefixes
    for code in ("publicity.materials", "disputes.mediation_success_rate"):
        assert code in catalogue


def test_every_indicator_is_complete():
    for indicator in load_catalogue().indicators:
        assert indicator.name and indicator.unit in indicator.units and indicator.ledger
        assert indicator.synonyms, indicator.code
        assert indicator.kind in ("count", "sum", "ratio")
        if indicator.is_ratio:
            assert indicator.unit in ("%", "分")
            assert indicator.numerator and indicator.denominator


def test_ratio_parts_are_catalogue_codes():
    catalogue = load_catalogue()
    rate = catalogue["disputes.mediation_success_rate"]
    assert catalogue[rate.numerator].code == "disputes.mediation_success"
    # DESIGN.md: 调解成功率 = 调解成功 ÷ 已结案 (cases still in mediation are not in it).
    assert catalogue[rate.denominator].code == "disputes.mediation_closed"


def test_every_indicator_says_in_one_chinese_line_what_it_counts():
    for indicator in load_catalogue().indicators:
        counts = indicator.counts
        assert counts and "\n" not in counts, indicator.code
        assert sum("\u4e00" <= char <= "\u9fff" for char in counts) >= 6, indicator.code
    catalogue = load_catalogue()
    assert "不含不予受理" in catalogue["disputes.petitions"].counts
    assert "÷" in catalogue["disputes.mediation_success_rate"].counts


def test_the_file_is_versioned_yaml_in_the_package():
    data = yaml.safe_load(CATALOGUE_PATH.read_text(encoding="utf-8"))
    assert data["version"] >= 1 and CATALOGUE_PATH.suffix == ".yaml"


def entry(**changes) -> dict:
    base = {"code": "a.b", "name": "x", "counts": "当年的记录条数", "unit": "次", "kind": "count",
            "ledger": "l"}  # fmt: skip
    return base | changes


@pytest.mark.parametrize(
    "broken",
    [
        {"indicators": [entry(code="Bad Code")]},
        {"indicators": [entry(kind="median")]},
        {"indicators": [entry(unit="%", kind="ratio", numerator="a.c", denominator="a.b")]},
        {"indicators": [entry(), entry()]},
        {"indicators": [entry(numerator="a.b")]},
        {"indicators": [entry(better="smaller")]},
        {"indicators": [entry(counts=None)]},
        {"indicators": [entry(counts="  ")]},
        {"indicators": [entry(counts="两行\n说明")]},
        {"nothing": []},
    ],
)
def test_malformed_catalogue_is_refused_in_chinese(broken):
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(broken)
    assert any("\u4e00" <= char <= "\u9fff" for char in str(caught.value))


def test_an_entry_without_counts_names_the_field():
    with pytest.raises(CatalogueError, match="缺少 counts"):
        parse_catalogue({"indicators": [entry(counts="")]})
    assert parse_catalogue({"indicators": [entry()]})["a.b"].counts == "当年的记录条数"


def test_overdue_figures_are_better_lower():
    catalogue = load_catalogue()
    lower = {item.code for item in catalogue.indicators if item.better == "lower"}
    assert {"governance.tasks_overdue", "deadlines.overdue"} <= lower
    assert catalogue["publicity.activities"].better == "higher"
