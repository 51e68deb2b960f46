"""Date pickers hold ISO dates whatever the locale, or the browser shows them empty."""

import importlib
import inspect
from datetime import date
from pathlib import Path

from django import forms
from django.utils import translation

import fazhi
from fazhi.core.widgets import DateInput


def test_a_date_renders_as_iso_in_chinese():
    with translation.override("zh-hans"):
        html = DateInput().render("day", date(2026, 3, 1))
    assert 'type="date"' in html and 'value="2026-03-01"' in html


def _form_classes():
    for path in Path(fazhi.__file__).parent.glob("*/forms.py"):
        module = importlib.import_module(f"fazhi.{path.parent.name}.forms")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_date_field_of_every_form_uses_the_iso_picker():
    checked = 0
    for form_class in _form_classes():
        for name, field in form_class.base_fields.items():
            if isinstance(field.widget, forms.DateInput):
                assert isinstance(field.widget, DateInput), f"{form_class.__name__}.{name}"
                checked += 1
    assert checked > 10
