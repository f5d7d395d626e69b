"""How long each class of record is kept, and the daily job that removes what is due.

Each app registers its record classes here (`register_record_class`), so that the core
imports none of them; `manage.py retention` prints the table and what is due now
(`--dry-run` changes nothing), and the beat job `core.tasks.retention_enforce` runs it every
night. A class either is enforced (`due` finds what has passed its time, `apply` removes or
anonymises one batch of it, idempotently: what was done is no longer due) or is kept as the
table says, with the reason (`apply` None).

Aggregates survive: what the dashboards and the year-on-year figures count is anonymised,
never deleted (a removed client's attendance and evaluation numbers stay in the group's
figures without a name; a message keeps its outcome without its recipient or words).
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise

logger = logging.getLogger(__name__)

BATCH = 500


@dataclass(frozen=True)
class RecordClass:
    code: str
    label: Promise
    kept: Promise  # how long, from what: "2 years after it was sent"
    action: Promise  # what happens then: "the recipient and the words go"
    # fn(now) -> a queryset of what is due (its primary keys are taken in batches).
    due: Callable[[datetime], QuerySet] | None = None
    # fn(queryset of one batch) -> how many were removed or anonymised.
    apply: Callable[[QuerySet], int] | None = None

    @property
    def enforced(self) -> bool:
        return self.due is not None and self.apply is not None


_classes: dict[str, RecordClass] = {}


def register_record_class(record_class: RecordClass) -> RecordClass:
    _classes[record_class.code] = record_class
    return record_class


def record_classes() -> list[RecordClass]:
    return list(_classes.values())


def retention_run(*, now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """For each enforced class: how many are due (dry run), or how many were removed or
    anonymised, in batches of BATCH, each batch in its own transaction."""
    from django.db import transaction

    now = now or timezone.now()
    counts = {}
    for record_class in _classes.values():
        if not record_class.enforced:
            continue
        due = record_class.due(now)
        if dry_run:
            counts[record_class.code] = due.count()
            continue
        done = 0
        while True:
            keys = list(due.values_list("pk", flat=True)[:BATCH])
            if not keys:
                break
            with transaction.atomic():
                batch = due.model._default_manager.filter(pk__in=keys)
                applied = record_class.apply(batch)
            done += applied
            if applied == 0:  # nothing changed: the class's `due` still finds it; stop
                logger.error("Retention of %s made no progress", record_class.code)
                break
        counts[record_class.code] = done
        logger.info("Retention %s: %d removed or anonymised", record_class.code, done)
    return counts
