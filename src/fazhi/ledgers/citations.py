"""The picker of a citation field (LedgerKind.citations): beside the field, a search box whose
<datalist> holds the law catalogue's names. Without JavaScript the browser filters the common
names as the person types; with it, htmx refills the list from /laws/names/ (every law,
regulation and interpretation) and static/fazhi/forms.js adds the chosen name to the field."""

from django import forms
from django.urls import reverse

from fazhi.lawbook.picker import common_names


class CitationMixin:
    template_name = "ledgers/widgets/citation.html"
    # How forms.js adds a chosen name: "title" appends 《name》 to a text, "list" joins a
    # “、”-separated list of names.
    style = "title"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        widget["base_template"] = self.base_template
        widget["style"] = self.style
        widget["names_url"] = reverse("laws:names")
        widget["law_names"] = common_names()
        return context


class CitationTextarea(CitationMixin, forms.Textarea):
    base_template = "django/forms/widgets/textarea.html"


class CitationInput(CitationMixin, forms.TextInput):
    base_template = "django/forms/widgets/input.html"
    style = "list"
