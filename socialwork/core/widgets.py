"""Form widgets shared by the apps."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A <select> written in Python, the same markup as Django's own.

    Django renders every <option> through a template of its own: for the filters above the
    dashboards and the feedback results (every unit, every worker's colour: a few hundred
    options) that was a tenth of the page's time, on every look. The options, their
    attributes and their escaping are Django's (`get_context`); only the writing is here."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            written = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (option["value"], flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                written = format_html('<optgroup label="{}">{}</optgroup>', group_name, written)
            groups.append(written)
        return format_html(
            '<select name="{}"{}>{}</select>',
            widget["name"],
            flatatt(widget["attrs"]),
            mark_safe("".join(groups)),
        )
