"""The evaluation after every session, the session codes, the final evaluation."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import (
    Enrolment,
    EvaluationAnswer,
    EvaluationCode,
    EvaluationQuestion,
    FinalEvaluation,
    GroupRun,
    Session,
    SessionEvaluation,
)
from groups.purposes import SESSION_CODE
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record
from socialwork.links.services import link_issue, link_revoke
from socialwork.people.models import User

# How long a session code may stay open, in minutes. A code is meant for the end of the
# session and the evening after it, not for days: the shorter it lives, the less a code
# passed on outside the group is worth.
CODE_DURATIONS = (30, 60, 180, 24 * 60)


ANSWER_RANGES = {
    EvaluationQuestion.Kind.FACES_3: range(1, 4),
    EvaluationQuestion.Kind.SCALE_5: range(1, 6),
}


def _clean_answers(questions, answers: dict) -> list[EvaluationAnswer]:
    """Answers keyed by question; every required one given, every value in its range."""
    rows, errors = [], []
    for question in questions:
        value = answers.get(question)
        if question.kind == EvaluationQuestion.Kind.TEXT:
            text = (value or "").strip()
            if not text:
                if question.required:
                    errors.append(_("Please answer every question marked as required."))
                continue
            if len(text) > 1000:
                errors.append(_("The comment can be at most 1000 characters."))
                continue
            rows.append(EvaluationAnswer(question=question, text=text))
            continue
        if value in (None, ""):
            if question.required:
                errors.append(_("Please answer every question marked as required."))
            continue
        try:
            number = int(value)
        except (TypeError, ValueError):
            number = None
        if number not in ANSWER_RANGES[question.kind]:
            errors.append(_("An answer is not one of the choices."))
            continue
        rows.append(EvaluationAnswer(question=question, value=number))
    if errors:
        raise ValidationError(sorted(set(errors)))
    return rows


@transaction.atomic
def evaluation_record(
    *,
    session: Session,
    enrolment: Enrolment,
    answers: dict,
    channel: str,
    actor: User | None = None,
) -> SessionEvaluation:
    """Store one participant's evaluation of one session.

    A participant evaluates a session once. With the session code they cannot change it
    afterwards (the page is public and must not show or overwrite earlier answers); a
    facilitator may correct an evaluation they entered, but never one the participant gave
    themselves.
    """
    from groups.selectors import evaluation_questions

    if enrolment.run_id != session.run_id:
        raise ValidationError(_("This person is not in the session's group."))
    if enrolment.status == Enrolment.Status.WAITING:
        raise ValidationError(_("People on the waiting list do not evaluate sessions."))
    if session.is_cancelled:
        raise ValidationError(_("The session was cancelled, so it cannot be evaluated."))
    if session.starts_at > timezone.now():
        raise ValidationError(_("A session can be evaluated once it has started."))
    rows = _clean_answers(evaluation_questions(session.run), answers)
    existing = (
        SessionEvaluation.objects.select_for_update()
        .filter(session=session, enrolment=enrolment)
        .first()
    )
    if existing and channel == SessionEvaluation.Channel.SELF:
        raise ValidationError(_("This session has already been evaluated. Thank you!"))
    if existing and existing.channel == SessionEvaluation.Channel.SELF:
        raise ValidationError(
            _("The participant gave this evaluation themselves, so it cannot be changed.")
        )
    if existing:
        evaluation = existing
        evaluation.answers.all().delete()
        evaluation.entered_by = actor
        evaluation.save(update_fields=["entered_by"])
    else:
        try:
            # Two taps or two phones at once: the unique constraint decides, inside a
            # savepoint so that the loser gets a message instead of a broken transaction.
            with transaction.atomic():
                evaluation = SessionEvaluation.objects.create(
                    session=session,
                    enrolment=enrolment,
                    channel=channel,
                    entered_by=actor
                    if channel == SessionEvaluation.Channel.WITH_FACILITATOR
                    else None,
                )
        except IntegrityError:
            raise ValidationError(
                _("This session has already been evaluated. Thank you!")
            ) from None
    for row in rows:
        row.evaluation = evaluation
    EvaluationAnswer.objects.bulk_create(rows)
    audit_record(
        actor=actor,
        label="" if actor else "session code",
        action=AuditEvent.Action.CHANGE if existing else AuditEvent.Action.CREATE,
        obj=enrolment,
        unit=session.run.unit,
        changed_fields=["session_evaluation"],
    )
    return evaluation


@transaction.atomic
def evaluation_code_open(*, actor: User, session: Session, minutes: int) -> EvaluationCode:
    """Open the self-evaluation for a session. One code at a time: opening a new one closes
    the previous, so only the code on the screen works."""
    if minutes not in CODE_DURATIONS:
        raise ValidationError(_("Choose how long the code is valid."))
    if session.is_cancelled:
        raise ValidationError(_("The session was cancelled, so it cannot be evaluated."))
    now = timezone.now()
    if session.starts_at > now:
        raise ValidationError(_("The code can be opened once the session has started."))
    evaluation_code_close(actor=actor, session=session)
    link = link_issue(
        purpose=SESSION_CODE.name, valid_for=timedelta(minutes=minutes), created_by=actor
    )
    return EvaluationCode.objects.create(session=session, link=link, created_by=actor)


@transaction.atomic
def evaluation_code_close(*, actor: User, session: Session) -> int:
    """The session's open codes stop working at once."""
    now = timezone.now()
    codes = EvaluationCode.objects.select_related("link").filter(
        session=session, link__expires_at__gt=now, link__revoked_at__isnull=True
    )
    return sum(link_revoke(link=code.link) for code in codes)


@transaction.atomic
def final_evaluation_save(*, actor: User, run: GroupRun, **data) -> FinalEvaluation:
    evaluation = FinalEvaluation.objects.filter(run=run).first() or FinalEvaluation(run=run)
    for field, value in data.items():
        setattr(evaluation, field, value.strip() if isinstance(value, str) else value)
    evaluation.written_by = actor
    evaluation.full_clean()
    evaluation.save()
    return evaluation
