"""Date pickers hold ISO dates whatever the locale, or the browser shows them empty."""

import importlib
import inspect
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

import fazhi
from fazhi.core.widgets import DATE_FORMAT_HINT, DateInput


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


def test_a_date_says_its_order_in_chinese():
    html = DateInput().render("day", None)
    assert 'placeholder="年-月-日"' in html and 'title="年-月-日，例如 2025-03-15"' in html


def test_every_file_input_is_the_sites_choose_file_button():
    from fazhi.core.forms import Form

    form_class = type("UploadForm", (Form,), {"file": forms.FileField(label="文件")})
    html = str(form_class()["file"])
    assert '<label for="id_file" class="btn btn-outline-secondary fazhi-file-button">' in html
    assert "选择文件" in html and "未选择文件" in html
    assert 'type="file"' in html and "fazhi-file-input visually-hidden" in html
    assert "Choose" not in html and "<script" not in html and "style=" not in html


def test_a_date_has_a_visible_chinese_format_line_tied_to_it():
    html = DateInput().render("day", None, attrs={"id": "id_day"})
    assert 'aria-describedby="id_day_format"' in html
    assert '<div class="form-text fazhi-date-hint" id="id_day_format">' in html
    assert f">{DATE_FORMAT_HINT}</div>" in html
    assert DATE_FORMAT_HINT == "格式：年-月-日，如 2025-03-15"


@pytest.mark.django_db
def test_a_page_with_a_date_field_shows_the_format_line(client, world):
    client.force_login(world.users["clerk"])
    html = client.get(reverse("ledgers:create", args=["study-sessions"])).content.decode()
    assert 'id="id_occurred_on"' in html
    assert '<div class="form-text fazhi-date-hint" id="id_occurred_on_format">' in html
    assert "格式：年-月-日，如 2025-03-15" in html
