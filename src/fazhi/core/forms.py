"""The base of every form of the site: its errors name the field in plain Chinese
(fazhi.core.errors) and its file inputs are the site's own "选择文件" button."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from fazhi.core.errors import plain_list
from fazhi.core.widgets import FileInput


class PlainErrors:
    """Every error a form gets goes through add_error (field cleaning, clean(), model
    validation, a view's service error): Django's default messages are rewritten there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) in (forms.FileInput, forms.ClearableFileInput):
                field.widget = FileInput(attrs=field.widget.attrs)

    def _plain(self, name, error: ValidationError) -> list[ValidationError]:
        field = self.fields.get(name) if name not in (None, NON_FIELD_ERRORS) else None
        if field is None:
            return error.error_list
        return plain_list(error, str(field.label or name), field)

    def add_error(self, field, error):
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is None:
                error = ValidationError(
                    {
                        name: self._plain(name, ValidationError(each))
                        for name, each in error.error_dict.items()
                    }
                )
        else:
            error = ValidationError(self._plain(field, error))
        super().add_error(field, error)
        for name in error.error_dict if hasattr(error, "error_dict") else [field]:
            if name in self.fields:  # Bootstrap's red border on the field at fault
                attrs = self.fields[name].widget.attrs
                if "is-invalid" not in attrs.get("class", ""):
                    attrs["class"] = (attrs.get("class", "") + " is-invalid").strip()


class Form(PlainErrors, forms.Form):
    pass


class ModelForm(PlainErrors, forms.ModelForm):
    pass
