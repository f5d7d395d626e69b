"""The dashboards' figures by month and by level (materialised views) are brought up to date
by the beat job, which in production connects as the application's role: a role that owns
no view and so may not refresh one itself."""

import datetime as dt

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction

from groups.models import Attendance, Enrolment
from groups.selectors.figures import group_figures, reminder_figures
from groups.services import figures_refresh
from socialwork.core.schedules import HELSINKI
from tests.factories.groups import EnrolmentFactory, make_run
from tests.factories.people import ClientFactory
from tests.utils import application_role

APP_ROLE = "socialwork_app_figures"
NOW = dt.datetime(2027, 6, 15, 10, tzinfo=HELSINKI)


def attended(world, present: int, absent: int):
    run = make_run(unit=world.unit, facilitators=[world.counsellor], starts_on=dt.date(2027, 3, 1))
    enrolments = [
        EnrolmentFactory(run=run, client=ClientFactory(unit=world.unit), status=status)
        for status in [Enrolment.Status.STARTED] * (present + absent)
    ]
    session = run.sessions.order_by("starts_at").first()
    for n, enrolment in enumerate(enrolments):
        Attendance.objects.update_or_create(
            session=session,
            enrolment=enrolment,
            defaults={
                "status": Attendance.Status.PRESENT if n < present else Attendance.Status.ABSENT
            },
        )
    return run, session


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_application_role_brings_the_figures_up_to_date(world):
    run, session = attended(world, present=4, absent=2)
    with application_role(APP_ROLE):
        # Not by itself: only the owner may refresh a view.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as c:
            c.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY groups_attendance_month")
        figures_refresh()
        figures = group_figures(2027, 2027)
    month = session.starts_at.astimezone(HELSINKI).month
    cell = figures.attendance[2027][(world.unit.pk, run.programme_id, month)]
    assert (cell.total, cell.values, cell.n) == (4, 6, 6)
    # The different people of the year, counted at the refresh.
    assert figures.attendance_people[2027][("*", "*", "*")] == 6


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_the_same_rows_give_the_same_digest_and_a_new_mark_another(world):
    _run, session = attended(world, present=5, absent=1)
    figures_refresh()
    first, again = group_figures(2026, 2027), group_figures(2026, 2027)
    assert first.digest == again.digest
    assert reminder_figures(2026, 2027).digest == reminder_figures(2026, 2027).digest
    Attendance.objects.filter(session=session, status=Attendance.Status.ABSENT).update(
        status=Attendance.Status.PRESENT
    )
    assert group_figures(2026, 2027).digest == first.digest  # the views: not yet refreshed
    figures_refresh()
    assert group_figures(2026, 2027).digest != first.digest
