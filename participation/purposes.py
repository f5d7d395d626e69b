"""participation's links without a login (socialwork/links)."""

from socialwork.links.purposes import Purpose, register_purpose

# A supervisor's annual-clock address for a calendar program, as the groups' calendar feed
# (groups/purposes.py): polled every hour, so counted on the link and not written in the
# audit log; it carries no client's name, only plans, events, meetings and course starts.
CLOCK_FEED = register_purpose(Purpose(name="clock-feed", length=43, audit=False, guesses=2000))
