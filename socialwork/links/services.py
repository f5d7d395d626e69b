"""Handing out, opening and revoking secret links (see models.SecretLink).

    link = link_issue(purpose="council-packet", valid_for=timedelta(days=14), created_by=me)
    url = reverse("councils:packet", args=[link.token])
    ...
    link = link_open(request, purpose="council-packet", token=token)   # a page
    link = link_use(request, purpose="council-packet", token=token)    # the action
    # None: a 404 page. TooManyGuesses: a 429 page, before anything is looked up.

`link_open` reads: a link preview or a virus scanner that opens the address changes
nothing. `link_use` is the action the link exists for: it counts the use, ends a link that
works once, and writes the audit row, in the caller's transaction. Both count a wrong token
against the client's address, and once it has guessed too often raise TooManyGuesses
without looking, so that nobody can try codes until one works.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.links.models import SecretLink
from socialwork.links.purposes import get_purpose
from socialwork.links.tokens import lookup_hashes, new_token, seal


def link_issue(
    *,
    purpose: str,
    valid_for: timedelta | None = None,
    single_use: bool = False,
    created_by=None,
) -> SecretLink:
    """A new link. A short code may meet an earlier one: another is drawn then."""
    kind = get_purpose(purpose)
    expires_at = timezone.now() + valid_for if valid_for is not None else None
    for _attempt in range(8):
        token = new_token(kind)
        try:
            with transaction.atomic():
                return SecretLink.objects.create(
                    purpose=purpose,
                    sealed=seal(token),
                    token_hash=lookup_hashes(token)[0],
                    expires_at=expires_at,
                    single_use=single_use,
                    created_by=created_by if getattr(created_by, "pk", None) else None,
                )
        except IntegrityError:
            continue
    raise RuntimeError(f"no free token for {purpose!r}")  # pragma: no cover - 8 collisions


@transaction.atomic
def link_revoke(*, link: SecretLink, actor=None) -> bool:
    """The address stops working at once. False if it already had."""
    if link.revoked_at is not None:
        return False
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    if actor is not None:
        audit_record(
            actor=actor, action=AuditEvent.Action.CHANGE, obj=link, changed_fields=["revoked"]
        )
    return True


class TooManyGuesses(Exception):
    """This address has tried too many wrong tokens: it waits before any token is looked at."""


def _find(request, purpose: str, token: str, *, for_update: bool) -> SecretLink | None:
    kind = get_purpose(purpose)
    throttle = kind.throttle
    if throttle.blocked(request):
        raise TooManyGuesses
    token = kind.normalise(token)
    link = None
    if kind.looks_right(token):
        links = SecretLink.objects.filter(purpose=purpose, token_hash__in=lookup_hashes(token))
        if for_update:
            links = links.select_for_update()
        link = links.first()
    if link is None or not link.is_open():
        throttle.failed(request)
        return None
    return link


def link_open(request, *, purpose: str, token: str) -> SecretLink | None:
    """The open link behind a token, to show a page; nothing is recorded but a wrong guess."""
    return _find(request, purpose, token, for_update=False)


@transaction.atomic
def link_use(request, *, purpose: str, token: str, unit=None) -> SecretLink | None:
    """The link used for what it is for: counted, ended if it works once, and in the audit
    log unless its purpose says otherwise. Locked, so that a link that works once works
    once even when two taps arrive together."""
    link = _find(request, purpose, token, for_update=True)
    if link is None:
        return None
    now = timezone.now()
    link.used_at = link.used_at or now
    link.last_used_at = now
    link.use_count += 1
    link.save(update_fields=["used_at", "last_used_at", "use_count"])
    if get_purpose(purpose).audit:
        audit_record(
            actor=None, label=f"link:{purpose}", action=AuditEvent.Action.VIEW, obj=link, unit=unit
        )
    return link
