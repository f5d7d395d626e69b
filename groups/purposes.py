"""groups' links without a login (socialwork/links)."""

from socialwork.links.purposes import READABLE_UPPER, Purpose, register_purpose

# The code on the screen at the end of a session: six characters read out in the room, valid
# for minutes. Each use is already in the log as the evaluation it made.
SESSION_CODE = register_purpose(
    Purpose(name="session-code", length=6, alphabet=READABLE_UPPER, typed=True, audit=False)
)
# A staff member's calendar address. A calendar program asks for it every hour or so, so it
# is counted on the link, not written in the audit log; it carries no client's name. The
# calendar services fetch many people's addresses from a few shared addresses, old ones
# included after a new address was made: 43 characters need no tight limit, and a tight
# one would stop everyone's calendar behind that address.
CALENDAR_FEED = register_purpose(
    Purpose(name="calendar-feed", length=43, audit=False, guesses=2000)
)
