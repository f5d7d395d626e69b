"""The quick <select> writes what Django's own writes: the same options, the same choice
selected, the same attributes, the same escaping; only faster."""

import pytest
from django import forms
from django.test.html import parse_html

from socialwork.core.widgets import QuickSelect
from socialwork.people.models import Unit
from tests.factories import UnitFactory

CHOICES = [
    ("", "Kaikki"),
    ("Yksiköt", [(1, "Koivula"), (2, 'Ranta <b>"&"</b>')]),
    (3, "Muu"),
]


def both(field_kwargs, value, attrs=None):
    plain = forms.Select(attrs=attrs, **field_kwargs)
    quick = QuickSelect(attrs=attrs, **field_kwargs)
    return (
        parse_html(plain.render("unit", value)),
        parse_html(quick.render("unit", value)),
        quick.render("unit", value),
    )


@pytest.mark.parametrize("value", ["", 2, 3, None, "nothing"])
def test_groups_choices_and_the_chosen_one_are_written_alike(value):
    plain, quick, _html = both(
        {"choices": CHOICES}, value, {"class": "form-select", "required": True, "hidden": False}
    )
    assert quick == plain


def test_labels_are_escaped():
    _plain, _quick, html = both({"choices": CHOICES}, 2)
    assert "<b>" not in html and "Ranta &lt;b&gt;&quot;&amp;&quot;&lt;/b&gt;" in html
    assert '<option value="2" selected>' in html


@pytest.mark.django_db
def test_a_model_choice_is_written_alike():
    chosen = UnitFactory(name="Koivulan sosiaaliasema")
    UnitFactory(name="Rantakylän <toimisto>")

    class Choice(forms.Form):
        plain = forms.ModelChoiceField(queryset=Unit.objects.order_by("name"), empty_label="?")
        quick = forms.ModelChoiceField(
            queryset=Unit.objects.order_by("name"), empty_label="?", widget=QuickSelect
        )

    form = Choice(data={"plain": chosen.pk, "quick": chosen.pk})
    plain = str(form["plain"]).replace('name="plain"', 'name="x"').replace("id_plain", "id_x")
    quick = str(form["quick"]).replace('name="quick"', 'name="x"').replace("id_quick", "id_x")
    assert parse_html(quick) == parse_html(plain)
    assert f'<option value="{chosen.pk}" selected>' in quick
