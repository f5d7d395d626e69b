"""The session page's reminder panel: who was told what, and who cannot be reached."""

from dataclasses import dataclass, field

from django.db.models import Q

from groups.models import (
    Enrolment,
    Session,
)
from socialwork.messaging.models import Message


@dataclass
class ReminderRow:
    enrolment: Enrolment
    messages: list = field(default_factory=list)  # about this session, newest first
    # Before anything is sent: why this person could not be reached, if they could not.
    expected_problem: str = ""
    expected_problem_label: str = ""
    due_at: object = None

    @property
    def latest(self):
        return self.messages[0] if self.messages else None

    @property
    def fix(self) -> str:
        """What to open to fix the problem: "consent", "record" or ""."""
        reason = self.latest.reason if self.latest and self.latest.is_problem else ""
        reason = reason or self.expected_problem
        if reason in Message.FIX_CONSENT:
            return "consent"
        if reason in Message.FIX_RECORD:
            return "record"
        return ""


def session_reminders(session: Session) -> list[ReminderRow]:
    """The session page's reminder panel: each expected participant (and anyone a message
    about the session went to) with what was sent and how it went. Two queries."""
    from groups.notices import EXPECTED
    from socialwork.messaging.selectors import messages_about
    from socialwork.messaging.services import reach, reminder_due_for

    messages = messages_about(session)
    by_client: dict[int, list] = {}
    for message in messages:
        by_client.setdefault(message.client_id, []).append(message)
    enrolments = (
        Enrolment.objects.filter(run_id=session.run_id)
        .filter(Q(status__in=EXPECTED) | Q(client_id__in=list(by_client)))
        .filter(client__isnull=False)
        .select_related("client")
        .order_by("client__last_name", "client__first_name", "id")
    )
    reasons = dict(Message.Reason.choices)
    rows = []
    for enrolment in enrolments:
        row = ReminderRow(enrolment=enrolment, messages=by_client.get(enrolment.client_id, []))
        client = enrolment.client
        _channel, _recipient, problem = reach(client)
        row.expected_problem = problem
        row.expected_problem_label = reasons.get(problem, "")
        row.due_at = reminder_due_for(session.starts_at, client)
        rows.append(row)
    return rows
