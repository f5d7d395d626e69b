"""feedback's links without a login (socialwork/links)."""

from socialwork.links.purposes import READABLE_LOWER, Purpose, register_purpose

# The one-time link an administrator opens on a new lobby tablet.
KIOSK_REGISTRATION = register_purpose(Purpose(name="kiosk-registration", length=32))
# A campaign's web link and QR code: short enough to type from paper, too many to guess
# within the throttle. Opening it is not logged: its time would date an anonymous answer.
SURVEY = register_purpose(
    Purpose(name="survey", length=10, alphabet=READABLE_LOWER, typed=True, audit=False)
)
# Campaigns made before survey links could be typed from paper (until 23.11.2026) have 22
# URL-safe characters, exactly as printed: they keep opening the survey.
SURVEY_EARLY = register_purpose(
    Purpose(name="survey-early", length=22, audit=False, guess_scope="survey")
)


def survey_purpose(token: str) -> Purpose:
    """Which kind of survey link a token is, by its form: one look-up, one guess counted."""
    early = SURVEY_EARLY.normalise(token)
    return SURVEY_EARLY if SURVEY_EARLY.looks_right(early) else SURVEY
