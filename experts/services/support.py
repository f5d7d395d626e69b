"""Support: group supervision, joint meetings and steering groups with attendance, and the
peer-support expert's contact diary (nobody named in it)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from experts.models import DiaryEntry, Expert, Gathering, GatheringAttendance
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.people.models import User

GATHERING_FIELDS = ("kind", "starts_at", "ends_at", "place", "led_by", "notes")


@transaction.atomic
def gathering_save(
    *, actor: User, gathering: Gathering | None = None, experts=(), **data
) -> Gathering:
    gathering = gathering or Gathering(created_by=actor)
    for field in GATHERING_FIELDS:
        if field in data:
            setattr(gathering, field, data[field])
    if gathering.starts_at and gathering.ends_at and gathering.ends_at <= gathering.starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    gathering.full_clean()
    gathering.save()
    wanted = {e.pk for e in experts}
    have = set(gathering.attendance.values_list("expert_id", flat=True))
    GatheringAttendance.objects.bulk_create(
        [GatheringAttendance(gathering=gathering, expert_id=pk) for pk in wanted - have],
        ignore_conflicts=True,
    )
    # Someone already marked present or absent stays on the list.
    gathering.attendance.filter(expert_id__in=have - wanted, present__isnull=True).delete()
    return gathering


@transaction.atomic
def gathering_attendance(*, actor: User, gathering: Gathering, present_ids) -> int:
    if gathering.starts_at > timezone.now():
        raise ValidationError(_("Attendance is marked once the meeting has begun."))
    present_ids = {int(pk) for pk in present_ids}
    rows = list(gathering.attendance.select_for_update())
    for row in rows:
        row.present = row.expert_id in present_ids
        row.save(update_fields=["present"])
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=gathering, changed_fields=["attendance"]
    )
    return sum(1 for row in rows if row.present)


@transaction.atomic
def diary_add(*, expert: Expert, actor: User | None = None, **data) -> DiaryEntry:
    """One contact, written by the expert on their page or by the coordinator."""
    if expert.employment != Expert.Employment.SALARIED:
        raise ValidationError(_("The contact diary is kept by employed peer-support experts."))
    entry = DiaryEntry(
        expert=expert,
        **{k: data[k] for k in ("day", "channel", "topic", "referred_to", "note") if k in data},
    )
    if entry.day and entry.day > timezone.localdate():
        raise ValidationError({"day": _("The date cannot be in the future.")})
    entry.full_clean()
    entry.save()
    audit_record(
        actor=actor,
        label="" if actor else "link:expert-page",
        action=AuditEvent.Action.CREATE,
        obj=entry,
    )
    return entry
