from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from socialwork.links.tokens import token_of


class SecretLink(models.Model):
    """A secret address that opens one thing without a login: registering a lobby tablet,
    a survey, a session's self-evaluation, a staff member's calendar feed, and the links of
    the apps to come (a council member's packet, an answer from outside, an expert's page).

    The token is never stored as it is. `token_hash`, a keyed HMAC of it, finds the link
    when someone opens it; `sealed` keeps it under SECRET_KEY, so that the application can
    show an address again (the calendar page, the code on the screen, a sheet printed anew).
    Whoever reads the database without the key learns no address that works, and cannot try
    even six-character codes against the hashes (tokens.py, services.py).
    """

    purpose = models.CharField(_("purpose"), max_length=40)
    # Empty where the token was never kept (a link that is never shown again).
    sealed = models.CharField(max_length=200, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("valid until"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    single_use = models.BooleanField(_("works once"), default=False)
    used_at = models.DateTimeField(_("first used"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    use_count = models.PositiveIntegerField(_("times used"), default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("made by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("link without a login")
        verbose_name_plural = _("links without a login")
        indexes = [models.Index(fields=["purpose", "expires_at"], name="links_purpose_expiry")]

    def __str__(self) -> str:
        return f"{self.purpose} #{self.pk}"

    @property
    def token(self) -> str | None:
        """The token, unsealed (None where it was never kept)."""
        return token_of(self)

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        if self.revoked_at is not None and self.revoked_at <= now:
            return False
        if self.expires_at is not None and self.expires_at <= now:
            return False
        return not (self.single_use and self.used_at is not None)
