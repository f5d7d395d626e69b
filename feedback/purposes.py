"""feedback's links without a login (socialwork/links)."""

from socialwork.links.purposes import READABLE_LOWER, Purpose, register_purpose

# The one-time link an administrator opens on a new lobby tablet.
KIOSK_REGISTRATION = register_purpose(Purpose(name="kiosk-registration", length=32))
# A campaign's web link and QR code: short enough to type from paper, too many to guess
# within the throttle. Opening it is not logged: its time would date an anonymous answer.
SURVEY = register_purpose(
    Purpose(name="survey", length=10, alphabet=READABLE_LOWER, typed=True, audit=False)
)
