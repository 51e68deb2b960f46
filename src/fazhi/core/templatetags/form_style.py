"""Bootstrap look for any form field rendered by hand (workflow action forms are plain Django
forms: the template, not each form, decides how a field looks)."""

from django import forms, template

register = template.Library()


def css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput):
        return "form-check-input"
    if isinstance(widget, forms.Select | forms.SelectMultiple):
        return "form-select"
    return "form-control"


@register.filter
def styled(field):
    """The bound field as its widget with Bootstrap's class added (classes it has are kept);
    an invalid field is marked so (is-invalid)."""
    if not hasattr(field, "field"):
        return field
    widget = field.field.widget
    if isinstance(widget, forms.HiddenInput):
        return field
    classes = [widget.attrs.get("class", ""), css_class(widget)]
    if field.errors:
        classes.append("is-invalid")
    wanted = " ".join(dict.fromkeys(" ".join(classes).split()))
    return field.as_widget(attrs={"class": wanted})
