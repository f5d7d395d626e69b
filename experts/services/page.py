"""The expert's own page: one secret address at a time, working 30 days (EXPERT_PAGE_DAYS),
renewed by the coordinator (the old one stops at once) and revoked when the expert ends.
What the expert does there (accept, decline, a diary entry) is in the audit log as the
link's use."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from experts import notices
from experts.models import Expert
from socialwork.links.services import link_issue, link_revoke
from socialwork.messaging.services import notice_queue
from socialwork.people.models import User

PURPOSE = "expert-page"


def page_link_open(expert: Expert):
    link = expert.page_link
    return link if link is not None and link.is_open() else None


@transaction.atomic
def page_link_revoke(*, expert: Expert, actor: User | None = None) -> None:
    if expert.page_link is not None:
        link_revoke(link=expert.page_link, actor=actor)


@transaction.atomic
def page_link_renew(*, actor: User, expert: Expert, send: bool = True):
    """A new address for the expert's page; the one before stops working at once. With
    `send` it goes to the expert by their channel."""
    expert = (
        Expert.objects.select_for_update(of=("self",))
        .select_related("client", "page_link")
        .get(pk=expert.pk)
    )
    if expert.status == Expert.Status.ENDED:
        raise ValidationError(_("An expert who has ended has no page."))
    page_link_revoke(expert=expert, actor=actor)
    link = link_issue(
        purpose=PURPOSE, valid_for=timedelta(days=settings.EXPERT_PAGE_DAYS), created_by=actor
    )
    expert.page_link = link
    expert.save(update_fields=["page_link"])
    if send:
        notice_queue(
            client=expert.client,
            purpose=notices.PAGE_LINK,
            context={},
            key=f"experts.page-link-{link.pk}",
            about=expert,
            created_by=actor,
            link=link,
        )
    return link


def page_link_for_message(*, actor: User | None, expert: Expert):
    """The address a request or confirmation carries: the open one, or a new one (not sent
    on its own: the message that needs it carries it)."""
    return page_link_open(expert) or page_link_renew(actor=actor, expert=expert, send=False)
