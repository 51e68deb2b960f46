"""Every phrase the drafting code puts before a figure makes the report checker map that figure
back to its own indicator (and last year's clause to none)."""

import pytest

from fazhi.catalogue import load_catalogue
from fazhi.checker.facts import extract_facts
from fazhi.checker.vocabulary import assign_indicators, build_vocabulary
from fazhi.reports.drafting import tables as drafting


def _sample(code):
    unit = load_catalogue()[code].unit
    return "95.5%" if unit == "%" else f"37{unit}"


def _facts(text):
    facts = extract_facts(text, 1)
    assign_indicators(text, facts, build_vocabulary())
    return facts


ALL_PHRASES = (
    list(drafting.PHRASES.items())
    + list(drafting.PART3_PHRASES.items())
    + list(drafting.FALL_PHRASES.items())
    + [(f.rate, f.rate_phrase) for f in drafting.DEADLINE_FAMILIES if f.rate]
)


@pytest.mark.parametrize(("code", "phrase"), ALL_PHRASES)
def test_every_phrase_maps_to_its_indicator(code, phrase):
    text = f"全年工作稳步推进，{phrase}{_sample(code)}，较上年增加3{load_catalogue()[code].unit}。"
    facts = _facts(text)
    assert facts[0].indicator == code, (text, [(f.value, f.unit, f.indicator) for f in facts])
    assert all(f.indicator is None for f in facts[1:]), text


@pytest.mark.parametrize("code", drafting.FALL_WATCHED)
def test_last_years_figure_is_not_read_as_this_years(code):
    unit = load_catalogue()[code].unit
    text = f"全年{drafting.FALL_PHRASES[code]}30{unit}，比上年的40{unit}减少，常态化开展不够。"
    facts = _facts(text)
    assert [(f.value, f.indicator) for f in facts] == [(30, code), (40, None)]
