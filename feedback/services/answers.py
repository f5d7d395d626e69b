"""Storing anonymous answers: from the lobby tablet, the web link, paper forms and
micro-feedback, once per idempotency key; hiding a comment."""

import datetime as dt
import time
import uuid
from dataclasses import dataclass

import psycopg
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import selectors
from feedback.models import (
    TEXT_SCALES,
    Answer,
    Campaign,
    Channel,
    Instrument,
    InstrumentVersion,
    Item,
    Scale,
    WorkerCode,
    secret_hash,
)
from socialwork.audit.models import AuditEvent
from socialwork.audit.services import audit_record

TEXT_LIMITS = {Scale.SHORT_TEXT: 100, Scale.TEXT: 2000}


# How far the tablet's clock may be trusted for an answer that waited offline.
OFFLINE_MAX_AGE = dt.timedelta(days=30)


CLOCK_SKEW = dt.timedelta(minutes=10)


def floor_to_hour(moment: dt.datetime) -> dt.datetime:
    # In UTC: a tablet's offset of +05:30 would otherwise leave half an hour in.
    return moment.astimezone(dt.UTC).replace(minute=0, second=0, microsecond=0)


def clean_text(value: str) -> str:
    """Text as PostgreSQL can hold it: no NUL, no lone surrogate halves from broken JSON."""
    return value.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8")


def answer_moment(given_at: dt.datetime | None) -> dt.datetime:
    """When the answer was given: the tablet's own time for an answer that waited offline,
    unless that clock is plainly wrong; otherwise now."""
    now = timezone.now()
    if given_at is None or timezone.is_naive(given_at):
        return now
    if now - OFFLINE_MAX_AGE <= given_at <= now + CLOCK_SKEW:
        return min(given_at, now)
    return now


@dataclass(frozen=True)
class ItemRule:
    id: int
    scale: str
    low: int | None
    high: int | None


_SPEC_TTL = 60.0


_spec_cache: dict[int, tuple[float, dict[str, ItemRule], str]] = {}


# The forms a client fills in alone, on a tablet; the others are a worker's notes.
TABLET_KINDS = (Instrument.Kind.CARD, Instrument.Kind.SURVEY)


def _version_spec(version_id: int) -> tuple[dict[str, ItemRule], str] | None:
    cached = _spec_cache.get(version_id)
    if cached and cached[0] > time.monotonic():
        return cached[1], cached[2]
    rules, kind = {}, ""
    for item in Item.objects.filter(version_id=version_id).select_related("version__instrument"):
        low, high = item.value_range() or (None, None)
        rules[item.code] = ItemRule(item.pk, item.scale, low, high)
        kind = item.version.instrument.kind
    if not rules:
        return None
    _spec_cache[version_id] = (time.monotonic() + _SPEC_TTL, rules, kind)
    return rules, kind


def version_rules(version_id: int) -> dict[str, ItemRule] | None:
    """{item code: rule} of a version, kept a minute in the process. A version with answers
    never changes; one without may, and a minute of the old wording is harmless."""
    spec = _version_spec(version_id)
    return spec[0] if spec else None


def clean_answers(rules: dict[str, ItemRule], raw) -> list[tuple[int, int | None, str]]:
    """(item id, value, text) for every answered question; ValidationError for anything the
    form could not have sent. Unanswered questions are simply left out."""
    if not isinstance(raw, dict):
        raise ValidationError(_("The answer could not be read."), code="malformed")
    cleaned = []
    for code, given in raw.items():
        rule = rules.get(code)
        if rule is None:
            raise ValidationError(_("The answer has an unknown question."), code="unknown_item")
        if given is None or given == "":
            continue
        if rule.scale in TEXT_SCALES:
            if not isinstance(given, str):
                raise ValidationError(_("The answer could not be read."), code="malformed")
            text = clean_text(given).strip()
            if len(text) > TEXT_LIMITS[rule.scale]:
                raise ValidationError(
                    _("The text is too long: at most %(limit)s characters.")
                    % {"limit": TEXT_LIMITS[rule.scale]},
                    code="too_long",
                )
            if text:
                cleaned.append((rule.id, None, text))
            continue
        if isinstance(given, bool) or not isinstance(given, int | str):
            raise ValidationError(_("The answer could not be read."), code="malformed")
        try:
            value = int(given)
        except ValueError:
            raise ValidationError(_("The answer could not be read."), code="malformed") from None
        if rule.low is None or not rule.low <= value <= rule.high:
            raise ValidationError(_("An answer is outside the scale."), code="out_of_range")
        cleaned.append((rule.id, value, ""))
    if not cleaned:
        raise ValidationError(_("Answer at least one question."), code="empty")
    return cleaned


# One statement: find where the answer belongs, insert it once, insert its answers. A tablet's
# answer joins the campaign of its month when the campaign takes answers from tablets; the
# other channels name their campaign themselves.
# `origin` yields one row (unit, instrument) or none, when a tablet is not (or no longer)
# registered for this instrument; then nothing is inserted.
_INSERT_SQL = """
WITH origin AS ({origin}),
inserted AS (
    INSERT INTO feedback_response
        (key, version_id, campaign_id, channel, unit_id, worker_code_id, language,
         submitted_hour)
    SELECT %(key)s, %(version)s,
        COALESCE(%(campaign)s, (
            SELECT c.id FROM feedback_campaign c
            WHERE c.instrument_id = origin.instrument_id
              AND (c.unit_id = origin.unit_id OR c.unit_id IS NULL)
              AND c.year = %(year)s AND c.month = %(month)s
              AND %(channel)s = 'kiosk' AND 'kiosk' = ANY (c.channels)
            ORDER BY c.unit_id NULLS LAST LIMIT 1)),
        %(channel)s, origin.unit_id,
        (SELECT w.id FROM feedback_workercode w
         WHERE w.id = %(worker)s AND w.unit_id IS NOT DISTINCT FROM origin.unit_id),
        %(language)s, %(hour)s
    FROM origin
    ON CONFLICT (key) DO NOTHING
    RETURNING id
),
answers AS (
    INSERT INTO feedback_answer (response_id, item_id, value, text, hidden)
    SELECT inserted.id, a.item_id, a.value, a.text, false
    FROM inserted,
         unnest(%(items)s::bigint[], %(values)s::smallint[], %(texts)s::text[])
            AS a (item_id, value, text)
)
SELECT EXISTS (SELECT 1 FROM origin), EXISTS (SELECT 1 FROM inserted)
"""


# The version names the instrument, not the tablet: an answer that waited while an
# administrator gave the tablet another form was still given on it, and is kept. Only forms
# a client fills in alone, though: a tablet never writes a worker's after-meeting feedback.
_KIOSK_ORIGIN = """
    SELECT d.unit_id, v.instrument_id FROM feedback_kioskdevice d
    JOIN feedback_instrumentversion v ON v.id = %(version)s
    JOIN feedback_instrument i ON i.id = v.instrument_id AND i.kind = ANY (%(tablet_kinds)s)
    WHERE d.secret_hash = %(secret)s AND d.enrolled_at IS NOT NULL AND d.revoked_at IS NULL
"""


_STAFF_ORIGIN = """
    SELECT %(unit)s::bigint AS unit_id, v.instrument_id FROM feedback_instrumentversion v
    WHERE v.id = %(version)s
"""


KIOSK_INSERT_SQL = _INSERT_SQL.format(origin=_KIOSK_ORIGIN)


STAFF_INSERT_SQL = _INSERT_SQL.format(origin=_STAFF_ORIGIN)


class Stored:
    NEW = "new"
    DUPLICATE = "duplicate"
    NO_DEVICE = "no_device"


def _store(sql: str, *, params: dict, answers, moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    params |= {
        "year": local.year,
        "month": local.month,
        "hour": floor_to_hour(moment),
        "items": [item_id for item_id, _value, _text in answers],
        "values": [value for _item, value, _text in answers],
        "texts": [text for _item, _value, text in answers],
    }
    # A server-side prepared statement: the lobby's one statement is planned once per
    # connection, not once per answer. Django's own cursors bind on the client and cannot
    # prepare, so this one statement uses psycopg's cursor on the same connection (and so in
    # the same transaction).
    with connection.cursor():
        pass  # Django's own checks first: a connection that went bad is replaced here
    with connection.wrap_database_errors, psycopg.Cursor(connection.connection) as cursor:
        cursor.execute(sql, params, prepare=True)
        found, inserted = cursor.fetchone()
    if not found:
        return Stored.NO_DEVICE
    return Stored.NEW if inserted else Stored.DUPLICATE


def kiosk_answer_record(
    *,
    secret: str,
    key: uuid.UUID,
    version_id: int,
    language: str,
    answers,
    worker_code_id: int | None = None,
    given_at: dt.datetime | None = None,
) -> str:
    """An answer from a lobby tablet. The tablet is recognised by its secret in the same
    statement that stores the answer, so a revoked tablet stores nothing."""
    spec = _version_spec(version_id)
    if spec is None or spec[1] not in TABLET_KINDS:
        raise ValidationError(_("The answer has an unknown question."), code="unknown_version")
    rules = spec[0]
    cleaned = clean_answers(rules, answers)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("The answer could not be read."), code="language")
    return _store(
        KIOSK_INSERT_SQL,
        params={
            "secret": secret_hash(secret),
            "tablet_kinds": [kind.value for kind in TABLET_KINDS],
            "key": key,
            "version": version_id,
            "campaign": None,
            "channel": Channel.KIOSK,
            "worker": worker_code_id,
            "language": language,
        },
        answers=cleaned,
        moment=answer_moment(given_at),
    )


def response_record(
    *,
    key: uuid.UUID,
    version: InstrumentVersion,
    channel: str,
    language: str,
    answers,
    unit_id: int | None = None,
    worker_code_id: int | None = None,
    campaign: Campaign | None = None,
    given_at: dt.datetime | None = None,
) -> str:
    """An answer through the web link, typed in from paper, or recorded by the worker."""
    cleaned = clean_answers(version_rules(version.pk) or {}, answers)
    return _store(
        STAFF_INSERT_SQL,
        params={
            "key": key,
            "version": version.pk,
            "unit": unit_id,
            "campaign": campaign.pk if campaign else None,
            "channel": channel,
            "worker": worker_code_id,
            "language": language,
        },
        answers=cleaned,
        moment=answer_moment(given_at),
    )


@transaction.atomic
def paper_form_enter(
    *,
    actor,
    key: uuid.UUID,
    version: InstrumentVersion,
    language: str,
    answers,
    unit,
    campaign: Campaign,
) -> str:
    """A paper form typed in by staff. The log says who typed a form into which campaign
    and unit, and when (never which answer: the row names the campaign only)."""
    stored = response_record(
        key=key,
        version=version,
        channel=Channel.PAPER,
        language=language,
        answers=answers,
        unit_id=unit.pk,
        campaign=campaign,
    )
    if stored == Stored.NEW:
        audit_record(
            actor=actor,
            action=AuditEvent.Action.CREATE,
            obj=campaign,
            unit=unit,
            changed_fields=["paper_form"],
        )
    return stored


@transaction.atomic
def micro_feedback_record(
    *, actor, instrument: Instrument, unit_id: int, key: uuid.UUID, language: str, answers
) -> str:
    """Oral or micro-feedback the worker records after a meeting: keyed to the worker's own
    code in the unit, never to the client."""
    if not instrument.is_micro:
        raise ValidationError(_("This is not a micro-feedback form."), code="not_micro")
    code = WorkerCode.objects.filter(unit_id=unit_id, worker=actor, is_active=True).first()
    if code is None:
        code = WorkerCode.objects.create(unit_id=unit_id, worker=actor, colour="")
    return response_record(
        key=key,
        version=selectors.version_current(instrument),
        channel=Channel.ORAL,
        language=language,
        answers=answers,
        unit_id=unit_id,
        worker_code_id=code.pk,
    )


@transaction.atomic
def comment_hide(*, answer: Answer, actor, hidden: bool = True) -> None:
    """Take a comment that names or points to someone out of every list of comments."""
    if answer.text == "":
        raise ValidationError(_("Only written comments can be hidden."), code="not_text")
    answer.hidden = hidden
    answer.save(update_fields=["hidden"])
    audit_record(
        actor=actor, action=AuditEvent.Action.CHANGE, obj=answer, changed_fields=["hidden"]
    )


@transaction.atomic
def comments_mark_read(*, answers: list[Answer], actor, read: bool = True) -> int:
    """The comments a supervisor has read (or, `read=False`, wants to come back to): they
    leave (or join) the count of comments waiting on the dashboard. Returns how many
    changed."""
    changed = [a for a in answers if a.text != "" and a.is_read != read]
    for answer in changed:
        answer.is_read = read
    Answer.objects.bulk_update(changed, ["is_read"])
    for answer in changed:
        audit_record(
            actor=actor, action=AuditEvent.Action.CHANGE, obj=answer, changed_fields=["is_read"]
        )
    return len(changed)
