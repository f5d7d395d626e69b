import datetime

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or password is wrong. Note that the password is case-sensitive."
        ),
        "inactive": _("This account is not in use. Ask your administrator."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs["autocomplete"] = "current-password"
        self.helper = FormHelper()
        self.helper.form_tag = False


# Dates a person types: a session, a group's start, a decision. The year 1 or 9999 is a
# slip of the keyboard, and such a date breaks the schedule's arithmetic and PostgreSQL's
# conversion to local time; the range is wide enough for any real date of this work.
EARLIEST_DATE = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10


def latest_date() -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28))


def sensible_date(value) -> None:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if day is None:
        return
    if not EARLIEST_DATE <= day <= latest_date():
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s."),
            code="date_range",
            params={
                "earliest": date_format(EARLIEST_DATE, "SHORT_DATE_FORMAT"),
                "latest": date_format(latest_date(), "SHORT_DATE_FORMAT"),
            },
        )


def bound_dates(form: forms.BaseForm) -> None:
    """Give every date (and date-time) field of the form the sensible range."""
    for field in form.fields.values():
        if isinstance(field, forms.DateField | forms.DateTimeField):
            field.validators.append(sensible_date)


class CrispyMixin:
    def _crispy(self):
        """The layout every staff form shares, and the sensible range for its dates."""
        self.helper = FormHelper()
        self.helper.form_tag = False
        bound_dates(self)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)
