"""Text message rules that do not depend on a gateway: encoding and segments, numbers,
quiet hours."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

import phonenumbers

from socialwork.core.schedules import HELSINKI, local_date, wall_clock

# The GSM 03.38 default alphabet and its extension table (an extension character takes
# two places). Finnish and Swedish å ä ö Å Ä Ö are in it; š ž, € aside, are not.
GSM7_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = set("^{}\\[~]|€\f")


@dataclass(frozen=True)
class Segments:
    encoding: str  # "GSM-7" or "UCS-2"
    characters: int  # in the encoding's units (an extended GSM character counts twice)
    segments: int
    per_segment: int


def segments(text: str) -> Segments:
    """How many SMS a text takes. GSM-7: 160 in one, 153 per part when split; UCS-2 (any
    character outside GSM-7): 70 in one, 67 per part."""
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENDED for ch in text):
        units = sum(2 if ch in GSM7_EXTENDED else 1 for ch in text)
        single, multi, encoding = 160, 153, "GSM-7"
    else:
        # UTF-16 code units: characters outside the BMP (emoji) take two.
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = 70, 67, "UCS-2"
    if units <= single:
        return Segments(encoding, units, 1 if units else 0, single)
    return Segments(encoding, units, -(-units // multi), multi)


def normalise_mobile(raw: str, region: str = "FI") -> str | None:
    """The number in E.164 if it is a valid mobile number, else None."""
    try:
        number = phonenumbers.parse(str(raw or ""), region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def next_allowed_time(moment: datetime, start: time, end: time) -> datetime:
    """The first moment at or after `moment` outside the quiet hours [start, end) in
    Helsinki time (start may be after end: 21:00-08:00 spans midnight)."""
    local = moment.astimezone(HELSINKI)
    now = local.time()
    quiet = (start <= now or now < end) if start > end else (start <= now < end)
    if not quiet:
        return moment
    day = local_date(moment) if now < end else local_date(moment) + timedelta(days=1)
    # Wall-clock time on that day, whatever the offset (daylight saving) is then.
    return wall_clock(day, end)
