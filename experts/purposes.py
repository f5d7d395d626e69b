"""The expert's own page (socialwork/links): open requests to accept or decline, upcoming
bookings, the published CV and this year's fees, without an account. Sent by text message
or e-mail and opened on a phone, so a 22-character address (2^131 of them)."""

from socialwork.links.purposes import Purpose, register_purpose

EXPERT_PAGE = register_purpose(
    Purpose(name="expert-page", length=22, guesses=20, url_name="expert_page:page")
)
