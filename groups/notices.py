"""What participants are told about sessions: the reminder the day before, and notices when
a session is cancelled, moved or held after all. The words are message templates that
administrators can change; the sending rules are the messaging app's."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import Attendance, Enrolment, GroupRun, Session
from socialwork.messaging import kinds
from socialwork.messaging.selectors import about_q, clients_told
from socialwork.messaging.services import messages_withdraw, notice_queue, reminder_due

REMINDER = "groups.session_reminder"
CANCELLED = "groups.session_cancelled"
MOVED = "groups.session_moved"
RESTORED = "groups.session_restored"
# The messages that told a participant when and where to come.
TOLD_TIME = (REMINDER, MOVED, RESTORED)
# Enrolments that are expected at a session.
EXPECTED = (Enrolment.Status.INVITED, Enrolment.Status.STARTED)

PLACEHOLDERS = {
    "group": _("the group's name"),
    "weekday": _("the day of the week"),
    "date": _("the date"),
    "time": _("the starting time"),
    "place": _("the place"),
    "contact": _("the unit's phone number"),
}
EXAMPLE = {
    "group": "Solmut auki, syksy",
    "weekday": "tiistaina",
    "date": "24.11.2026",
    "time": "13.00",
    "place": "Kirjaston kokoushuone, Hämeenkatu 1",
    "contact": "+358 40 123 4567",
    "reason": "Ohjaaja on sairaana.",
}

for kind in (
    kinds.MessageKind(
        purpose=REMINDER,
        label=_("Group session: reminder"),
        subject=_("Reminder of your group session"),
        placeholders=PLACEHOLDERS,
        defaults={
            "fi": "Muistutus: {group} {weekday} {date} klo {time}, {place}. Tervetuloa!",
            "sv": "Påminnelse: {group} {weekday} {date} kl. {time}, {place}. Välkommen!",
            "en": "Reminder: {group} on {weekday} {date} at {time}, {place}. Welcome!",
        },
        example=EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=CANCELLED,
        label=_("Group session: cancelled"),
        subject=_("Your group session is cancelled"),
        placeholders={**PLACEHOLDERS, "reason": _("why it is cancelled")},
        defaults={
            "fi": "{group}: tapaaminen {weekday} {date} klo {time} on peruttu. {reason}",
            "sv": "{group}: träffen {weekday} {date} kl. {time} är inställd. {reason}",
            "en": "{group}: the session on {weekday} {date} at {time} is cancelled. {reason}",
        },
        example=EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=MOVED,
        label=_("Group session: new time or place"),
        subject=_("Your group session has a new time or place"),
        placeholders=PLACEHOLDERS,
        defaults={
            "fi": "{group}: tapaaminen on muuttunut. Uusi aika: {weekday} {date} klo {time}, "
            "{place}.",
            "sv": "{group}: träffen har ändrats. Ny tid: {weekday} {date} kl. {time}, {place}.",
            "en": "{group}: the session has changed. New time: {weekday} {date} at {time}, "
            "{place}.",
        },
        example=EXAMPLE,
    ),
    kinds.MessageKind(
        purpose=RESTORED,
        label=_("Group session: held after all"),
        subject=_("Your group session is held after all"),
        placeholders=PLACEHOLDERS,
        defaults={
            "fi": "{group}: tapaaminen {weekday} {date} klo {time} pidetäänkin, {place}. "
            "Tervetuloa!",
            "sv": "{group}: träffen {weekday} {date} kl. {time} blir av ändå, {place}. Välkommen!",
            "en": "{group}: the session on {weekday} {date} at {time} is held after all, "
            "{place}. Welcome!",
        },
        example=EXAMPLE,
    ),
):
    kinds.register_kind(kind)


def context_for(session: Session):
    """fn(language) -> placeholder values, called with that language active."""

    def values(language: str) -> dict[str, str]:
        run = session.run
        return {
            "group": run.name,
            **kinds.when(session.starts_at, language),
            "place": session.place or run.place or "",
            "contact": str(run.unit.phone or ""),
            "reason": session.cancel_reason,
        }

    return values


def reminder_key(session: Session, client_id: int) -> str:
    # The start time is in the key: a session moved to a new time gets a new reminder.
    return f"groups.session-{session.pk}-{int(session.starts_at.timestamp())}-client-{client_id}"


# --- The reminder scan's source ------------------------------------------------------------


def upcoming_reminders(start: datetime, end: datetime):
    sessions = list(
        # FOR NO KEY UPDATE: a cancellation or a move committed while the scan runs is
        # waited for and then seen, so no reminder is queued for a session just cancelled.
        Session.objects.select_for_update(of=("self",), no_key=True)
        .filter(starts_at__gte=start, starts_at__lt=end, cancelled_at__isnull=True)
        .exclude(run__status=GroupRun.Status.CANCELLED)
        .select_related("run__unit")
        .order_by("starts_at", "id")
    )
    if not sessions:
        return
    by_run: dict[int, list[Enrolment]] = {}
    for enrolment in Enrolment.objects.filter(
        run_id__in={s.run_id for s in sessions}, status__in=EXPECTED, client__isnull=False
    ).select_related("client"):
        by_run.setdefault(enrolment.run_id, []).append(enrolment)
    # Someone who already said they cannot come is not reminded.
    excused = set(
        Attendance.objects.filter(
            session__in=sessions, status=Attendance.Status.EXCUSED
        ).values_list("session_id", "enrolment_id")
    )
    # A notice of the new time (moved, held after all) queued after the reminder was due
    # already told the participant what the reminder would: no second message.
    told = clients_told(
        model=Session, object_ids=[s.pk for s in sessions], purposes=(MOVED, RESTORED)
    )
    for session in sessions:
        values = context_for(session)
        due = reminder_due(session.starts_at)
        already = {
            t.client_id
            for t in told
            if t.object_id == str(session.pk)
            and t.starts_at == session.starts_at
            and t.queued_at >= due
        }
        for enrolment in by_run.get(session.run_id, ()):
            if (session.pk, enrolment.pk) in excused or enrolment.client_id in already:
                continue
            yield kinds.Reminder(
                client=enrolment.client,
                about=session,
                starts_at=session.starts_at,
                key=reminder_key(session, enrolment.client_id),
                context=values,
            )


kinds.register_reminder_source(
    kinds.ReminderSource(name="groups.session", purpose=REMINDER, upcoming=upcoming_reminders)
)


@kinds.register_letter_scope
def letters_of_my_groups(user):
    """Letters about a group's sessions are printed by that group's facilitators."""
    return about_q(Session.objects.filter(run__facilitators=user))


# --- Notices when a session changes ----------------------------------------------------------


def _went_out(session: Session, purposes) -> list:
    """The participants a message about this session has gone out to (or is going out to
    right now)."""
    told = clients_told(model=Session, object_ids=[session.pk], purposes=purposes, went_out=True)
    ids = {t.client_id for t in told}
    return list(
        Enrolment.objects.filter(run_id=session.run_id, client_id__in=ids)
        .select_related("client")
        .order_by("client_id")
    )


def _key(session: Session, client_id: int, what: str) -> str:
    # Unique per session, its time, what and when the change was made, and client.
    start = int(session.starts_at.timestamp())
    stamp = int(session.updated_at.timestamp() * 1000)
    return f"groups.session-{session.pk}-{start}-{what}-{stamp}-client-{client_id}"


def session_cancelled(*, actor, session: Session) -> int:
    """Withdraw what is waiting and tell those already told the time that it is off."""
    messages_withdraw(about=session)
    told = _went_out(session, TOLD_TIME)
    values = context_for(session)
    for enrolment in told:
        notice_queue(
            client=enrolment.client,
            purpose=CANCELLED,
            context=values,
            key=_key(session, enrolment.client_id, "cancelled"),
            about=session,
            about_starts_at=session.starts_at,
            created_by=actor,
        )
    return len(told)


def _tell_new_time(*, actor, session: Session, purpose: str, told) -> int:
    # Sent after the new time's reminder was due, this notice stands in for it (the scan
    # skips those it reached; see upcoming_reminders).
    values = context_for(session)
    for enrolment in told:
        notice_queue(
            client=enrolment.client,
            purpose=purpose,
            context=values,
            key=_key(session, enrolment.client_id, purpose.rsplit("_", 1)[-1]),
            about=session,
            about_starts_at=session.starts_at,
            created_by=actor,
        )
    return len(told)


def run_cancelled(*, actor, run: GroupRun) -> int:
    """A whole group was cancelled: every future session's waiting messages are withdrawn
    and those already told a time are told it is off."""
    told = 0
    for session in run.sessions.filter(
        starts_at__gt=timezone.now(), cancelled_at__isnull=True
    ).select_related("run__unit"):
        told += session_cancelled(actor=actor, session=session)
    return told


def participant_left(*, enrolment: Enrolment) -> int:
    """Someone left the group (or went back to the waiting list): nothing more is sent to
    them about its sessions."""
    future = enrolment.run.sessions.filter(starts_at__gt=timezone.now()).values_list(
        "pk", flat=True
    )
    return messages_withdraw(
        model=Session, object_ids=list(future), client_ids=[enrolment.client_id]
    )


def session_moved(*, actor, session: Session) -> int:
    """The time or place changed: withdraw the waiting reminders (they carry the old time)
    and tell those already told."""
    messages_withdraw(about=session)
    told = [e for e in _went_out(session, TOLD_TIME) if e.status in EXPECTED]
    return _tell_new_time(actor=actor, session=session, purpose=MOVED, told=told)


def session_restored(*, actor, session: Session) -> int:
    """A cancellation was undone: tell those who were told it was off."""
    messages_withdraw(about=session)
    told = [e for e in _went_out(session, (CANCELLED,)) if e.status in EXPECTED]
    return _tell_new_time(actor=actor, session=session, purpose=RESTORED, told=told)
