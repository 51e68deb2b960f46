"""Every catalogue code has exactly one computation, of the catalogue's kind."""

from datetime import date

import pytest
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q

from fazhi.indicators.registry import (
    Computation,
    Period,
    Ratio,
    catalogue_codes,
    computation_for,
    indicator,
    register,
    registered_codes,
)


def _kind(computation) -> str:
    if isinstance(computation, Ratio):
        return "ratio"
    return "sum" if computation.sum_field else "count"


def test_every_catalogue_code_has_a_computation_and_no_computation_is_extra():
    catalogue = set(catalogue_codes())
    registered = registered_codes()
    assert not catalogue - registered, f"no computation: {sorted(catalogue - registered)}"
    assert not registered - catalogue, f"not in the catalogue: {sorted(registered - catalogue)}"
    assert len(catalogue_codes()) == len(catalogue), "a catalogue code is listed twice"


@pytest.mark.parametrize("code", catalogue_codes())
def test_the_computation_is_of_the_catalogue_kind(code):
    computation = computation_for(code)
    assert computation.code == code
    assert _kind(computation) == indicator(code).kind


@pytest.mark.parametrize("code", [c for c in catalogue_codes() if indicator(c).kind == "ratio"])
def test_a_ratio_is_computed_from_catalogue_figures_that_are_not_ratios(code):
    item = indicator(code)
    assert isinstance(computation_for(code), Ratio)
    for part in (item.numerator, item.denominator):
        assert part in catalogue_codes()
        assert not isinstance(computation_for(part), Ratio)


def _field(model, path: str):
    """The field a (possibly related) lookup path ends on."""
    field = None
    for name in path.split("__"):
        field = model._meta.get_field(name)
        model = field.related_model or model
    return field


@pytest.mark.parametrize(
    "code", [c for c in catalogue_codes() if not isinstance(computation_for(c), Ratio)]
)
def test_a_computation_names_real_fields_and_builds_its_condition(code):
    computation = computation_for(code)
    model = computation.model
    assert _field(model, "organisation").related_model.__name__ == "Organisation"
    if computation.year_field is None:
        assert callable(computation.where), "without a year field, `where` must pick the year"
    elif computation.year_field != "year":
        assert isinstance(_field(model, computation.year_field), models.DateField)
    if computation.sum_field:
        field = _field(model, computation.sum_field)
        assert isinstance(field, (models.IntegerField, models.DecimalField))
    if computation.record_link:
        target = getattr(model, computation.record_link, None)
        assert target is not None, f"{code}: no {computation.record_link} on {model.__name__}"
    condition = computation.condition(Period(2024, date(2024, 6, 30)))
    assert isinstance(condition, Q)


def test_a_code_cannot_be_registered_twice():
    code = catalogue_codes()[0]
    with pytest.raises(ValueError):
        register(Computation(code, computation_for("governance.tasks").model))


def test_the_field_helper_rejects_a_wrong_name():
    with pytest.raises(FieldDoesNotExist):
        _field(computation_for("governance.tasks").model, "no_such_field")


def test_figures_that_depend_on_today_say_so():
    """A condition that differs between two days marks its figure changes_daily (never stored)."""
    from datetime import date

    from fazhi.indicators.registry import Period

    for code in registered_codes():
        computation = computation_for(code)
        if isinstance(computation, Ratio) or not callable(computation.where):
            continue
        model = computation.model._default_manager
        first, second = (
            str(model.filter(computation.where(Period(2024, day))).query)
            for day in (date(2024, 3, 1), date(2024, 9, 1))
        )
        assert (first != second) == computation.changes_daily, code
