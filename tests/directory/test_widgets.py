"""PlainSelect renders exactly what Django's template-based Select renders."""

import pytest
from django import forms
from django.test import RequestFactory
from django.utils.safestring import mark_safe
from django.utils.translation import override

from directory.widgets import PlainSelect
from portal.forms import CreatorFilterForm, ReportFilterForm

CHOICES = [
    ("", "All <types>"),
    ("a&b", 'Quote " and ampersand &'),
    (4, "๔. การศึกษาที่มีคุณภาพ"),
    ("safe", mark_safe("<b>bold</b>")),
    ("Group", [("g1", "In group"), ("g2", "Second")]),
]


@pytest.mark.parametrize("value", [None, "", "a&b", 4, "4", "g2", "missing"])
@pytest.mark.parametrize(
    "attrs", [None, {"id": "id_x", "aria-describedby": "x_error", "required": True, "disabled": False}]
)
def test_plain_select_matches_django_select(value, attrs):
    django_html = forms.Select(choices=CHOICES).render("field", value, attrs=attrs)
    plain_html = PlainSelect(choices=CHOICES).render("field", value, attrs=attrs)
    assert plain_html == django_html
    assert "<option" in plain_html


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", [CreatorFilterForm, ReportFilterForm])
@pytest.mark.parametrize("language", ["th", "en"])
def test_directory_filter_selects_unchanged(form_class, language):
    request = RequestFactory().get("/", {"sdg": "4", "province": "nowhere", "sort": "name"})
    with override(language):
        form = form_class(request.GET)
        form.is_valid()
        for bound in form.filter_fields:
            assert isinstance(bound.field.widget, PlainSelect)
            reference = forms.Select(choices=bound.field.choices, attrs=bound.field.widget.attrs)
            assert str(bound) == bound.as_widget(widget=reference)
