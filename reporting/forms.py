"""The dashboards' choices: a year, a unit (of the viewer's) and a programme."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.selectors import programmes_all
from reporting.selectors import viewer_units
from socialwork.core.widgets import QuickSelect

FIRST_YEAR = 2015  # the oldest year a dashboard offers: ten years of a city's history


class DashboardForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, widget=QuickSelect)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=None,
        required=False,
        empty_label=_("All my units"),
        widget=QuickSelect,
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=None,
        required=False,
        empty_label=_("All programmes"),
        widget=QuickSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        this_year = timezone.localdate().year
        self.fields["year"].choices = [
            (year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]
        self.fields["unit"].queryset = viewer_units(user)
        self.fields["programme"].queryset = programmes_all()
        for name in ("year", "unit", "programme"):
            self.fields[name].widget.attrs["class"] = "form-select"

    def choices(self) -> dict:
        """What was chosen, or the defaults (this year, all units, all programmes) where
        the input was bad: the page says what was wrong and shows the defaults."""
        if not self.is_bound or not self.is_valid():
            return {"year": None, "unit": None, "programme_id": None}
        programme = self.cleaned_data.get("programme")
        return {
            "year": self.cleaned_data.get("year") or None,
            "unit": self.cleaned_data.get("unit"),
            "programme_id": programme.pk if programme else None,
        }


class AnnualReportForm(forms.Form):
    """An annual report's choices: which report, the year (the last full one unless
    chosen), a unit of the viewer's, and the language it is written in."""

    report = forms.ChoiceField(label=_("Report"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=None, required=False, empty_label=_("All my units")
    )
    language = forms.ChoiceField(label=_("Language of the report"))

    def __init__(self, *args, user, language: str = "fi", **kwargs):
        from django.conf import settings
        from django.utils.translation import get_language_info

        from reporting.selectors import ANNUAL_REPORTS

        this_year = timezone.localdate().year
        kwargs.setdefault("initial", {"year": this_year - 1, "language": language})
        super().__init__(*args, **kwargs)
        self.fields["report"].choices = [
            (key, title) for key, (title, _purpose, _parts) in ANNUAL_REPORTS.items()
        ]
        self.fields["year"].choices = [
            (year, str(year)) for year in range(this_year, FIRST_YEAR - 1, -1)
        ]
        self.fields["unit"].queryset = viewer_units(user)
        # Each language in its own name: a Swedish-speaking reader finds "svenska".
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"].capitalize())
            for code, _name in settings.LANGUAGES
        ]
        for name in ("year", "unit", "language"):
            self.fields[name].widget.attrs["class"] = "form-select"
