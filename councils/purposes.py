"""The council's secret links (socialwork/links)."""

from socialwork.links.purposes import Purpose, register_purpose

# A member's own page for one meeting: the packet and the reply buttons, no account. Opened
# from a text message on a phone, so a 22-character address (2^131 of them).
MEMBER_PAGE = register_purpose(
    Purpose(name="council-member", length=22, guesses=20, url_name="council_member:page")
)
# The outside recipient's answer page: one answer, then it closes.
OUTSIDE_ANSWER = register_purpose(
    Purpose(name="council-answer", length=32, guesses=10, url_name="council_answer:page")
)
