"""Survey campaigns and their printable sheets."""

import datetime as dt

from django.db import transaction

from feedback.models import Campaign, Channel, Instrument
from feedback.purposes import SURVEY
from feedback.sheets import CAMPAIGN_SHEET
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.documents.services import document_discard, document_request
from socialwork.links.services import link_issue


# The link is printed for clients to type by hand: lower-case letters and digits without
# the look-alikes (0/o, 1/l/i) and no hyphen a line break could hide. 31**10 links are
# plenty, since the survey is throttled and the link opens only an anonymous form.
@transaction.atomic
def campaign_save(*, campaign: Campaign, actor) -> Campaign:
    """Create or change a campaign; a new one gets its secret link."""
    created = campaign.pk is None
    if created:
        campaign.link = link_issue(purpose=SURVEY.name, created_by=actor)
        campaign.created_by = actor
    campaign.full_clean()
    campaign.save()
    audit_record(
        actor=actor,
        action=AuditEvent.Action.CREATE if created else AuditEvent.Action.CHANGE,
        obj=campaign,
    )
    # The theme and the dates are printed on the sheet: every change makes it again.
    campaign_sheet_request(campaign=campaign)
    return campaign


def campaign_sheet_request(*, campaign: Campaign) -> None:
    """Make the sheet again (in a worker, socialwork/documents); the earlier one goes."""
    previous = campaign.sheet
    campaign.sheet = document_request(kind=CAMPAIGN_SHEET.name, object_id=campaign.pk)
    Campaign.objects.filter(pk=campaign.pk).update(sheet=campaign.sheet)
    if previous is not None:
        document_discard(document=previous)


@transaction.atomic
def scoped_campaign_open(
    *, actor, instrument_code: str, unit, scope: str, theme: str, today: dt.date
) -> Campaign:
    """This month's campaign of an instrument for one thing inside a unit (`scope`, say a
    client council), on paper and by the web link; made once, however many ask at once."""
    from socialwork.people.models import Unit

    # Two clicks at once: the second waits here and then finds the first one's campaign.
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    campaign = Campaign.objects.filter(
        instrument__code=instrument_code,
        unit=unit,
        scope=scope,
        year=today.year,
        month=today.month,
    ).first()
    if campaign is not None:
        return campaign
    return campaign_save(
        campaign=Campaign(
            instrument=Instrument.objects.get(code=instrument_code),
            unit=unit,
            scope=scope,
            year=today.year,
            month=today.month,
            theme=theme[:200],
            channels=[Channel.PAPER, Channel.WEB],
        ),
        actor=actor,
    )
