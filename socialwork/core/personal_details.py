"""Personal details in free text: a Finnish personal identity code, a phone number or an
e-mail address. Text about people in general must not hold them: a council's minutes (a
warning, the secretary decides; 001:938, 950) and a social report, which is about
phenomena, never about a client (refused).

A personal identity code is recognised only when its check character is right, so that a
date and a number in running text ("12.03.24 klo 123") do not raise a false alarm.
"""

import re

from django.utils.translation import gettext_lazy as _

HETU = re.compile(r"(?<![\w])(\d{6})([-+A-FU-Y])(\d{3})([0-9A-Y])(?![\w])", re.IGNORECASE)
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# A Finnish number (040 123 4567, 09-123 4567, +358 40 1234567): 7 to 12 digits in all.
PHONE = re.compile(r"(?<![\w+])(?:\+358|00358|0)[\s-]?\d(?:[\s-]?\d){5,10}(?![\w])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")

WHAT = {
    "hetu": _("a personal identity code"),
    "phone": _("a phone number"),
    "email": _("an e-mail address"),
}


def _valid_hetu(match) -> bool:
    digits, _sign, serial, check = match.groups()
    day, month = int(digits[:2]), int(digits[2:4])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return HETU_CHECK[int(digits + serial) % 31] == check.upper()


def personal_details_in(*texts: str) -> list[str]:
    """The kinds of personal details found ("hetu", "phone", "email"), in that order."""
    text = "\n".join(t for t in texts if t)
    found = []
    if any(_valid_hetu(m) for m in HETU.finditer(text)):
        found.append("hetu")
    if PHONE.search(text):
        found.append("phone")
    if EMAIL.search(text):
        found.append("email")
    return found


def describe(found: list[str]) -> str:
    return ", ".join(str(WHAT[kind]) for kind in found)
