import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from socialwork.core.schedules import HELSINKI
from socialwork.people.models import Client, PartnerOrganisation, Role, RoleAssignment, User


def test_seed_demo_builds_a_municipality_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (
        Client.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        PartnerOrganisation.objects.count(),
    )
    call_command("seed_demo")
    assert counts == (
        Client.objects.count(),
        User.objects.count(),
        RoleAssignment.objects.count(),
        PartnerOrganisation.objects.count(),
    )
    # 60 clients of the people demo and 15 experience experts (who are clients too).
    assert counts[0] == 75
    held = set(RoleAssignment.objects.values_list("role", flat=True))
    assert held == set(Role.values)
    # Swedish speakers get Swedish names and Swedish as their language.
    assert Client.objects.filter(preferred_language="sv").count() >= 8
    assert all(c.phone.as_e164.startswith("+35841395") for c in Client.objects.exclude(phone=""))


def test_seed_demo_refuses_in_production(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not Client.objects.exists()


def test_seed_demo_creates_groups_with_history(db, settings):
    from groups.models import Attendance, Enrolment, FinalEvaluation, GroupRun, SessionEvaluation

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    # This year's four, and last year's two for the dashboards' year-on-year figures.
    assert GroupRun.objects.count() == 6
    from django.utils import timezone

    last_year = timezone.localdate().year - 1
    assert GroupRun.objects.filter(starts_on__year__lte=last_year, status="finished").count() >= 2
    assert set(GroupRun.objects.values_list("status", flat=True)) == {
        "running",
        "finished",
        "recruiting",
        "planned",
    }
    assert Attendance.objects.filter(status="present").exists()
    assert Enrolment.objects.filter(status="dropped_out").exists()
    assert Enrolment.objects.filter(status="completed").exists()
    # Evaluations after the sessions held, both ways, and the finished run's final evaluation.
    channels = set(SessionEvaluation.objects.values_list("channel", flat=True))
    assert channels == {"facilitator", "self"}
    finals = FinalEvaluation.objects.select_related("run")
    assert finals.count() == 3 and {final.run.status for final in finals} == {"finished"}
    # The running group's next session shows reminders in every state staff meet.
    from socialwork.messaging.models import Message

    states = set(
        Message.objects.filter(purpose="groups.session_reminder").values_list("status", flat=True)
    )
    assert {"delivered", "failed", "cancelled"} <= states


# Mid-month: in the first hours of a month this month's answers are too fresh to count.
@pytest.mark.time_machine(datetime.datetime(2027, 5, 12, 14, tzinfo=HELSINKI))
def test_seed_demo_gives_feedback_with_figures_to_show_and_to_hide(db, settings):
    from feedback.models import Campaign, Response
    from feedback.results import Results, scope_key

    settings.DEBUG = True
    call_command("seed_demo")
    count = Response.objects.count()
    call_command("seed_demo")
    assert Response.objects.count() == count > 60
    campaign = Campaign.objects.get(instrument__code="survey")
    assert campaign.responses.count() == 24
    card = Response.objects.filter(channel="kiosk").first().version
    card_items = list(card.items.filter(scale="faces3"))
    year = campaign.year
    results = Results(card.instrument_id, card_items, [year])
    q1 = card_items[0].fingerprint
    yellow = Response.objects.filter(worker_code__colour="yellow").first().worker_code
    shown = results.get(
        year, q1, scope_key(unit_id=yellow.unit_id, code_id=yellow.pk, month=None, campaign_id=None)
    )
    assert shown.hidden
    blue = Response.objects.filter(worker_code__colour="blue").first().worker_code
    # The demo's answers came in hours ago: old enough to be counted.
    assert not results.get(
        year, q1, scope_key(unit_id=blue.unit_id, code_id=blue.pk, month=None, campaign_id=None)
    ).hidden


@pytest.mark.parametrize(
    "moment",
    [
        # Just after midnight on the first of a month, on a leap day, on New Year's Eve.
        datetime.datetime(2027, 3, 1, 0, 30, tzinfo=HELSINKI),
        datetime.datetime(2028, 2, 29, 12, 0, tzinfo=HELSINKI),
        datetime.datetime(2027, 12, 31, 23, 30, tzinfo=HELSINKI),
    ],
)
def test_seed_demo_gives_a_believable_present_on_any_day(db, settings, time_machine, moment):
    from feedback.models import Campaign, Response
    from groups.models import GroupRun
    from socialwork.messaging.models import Message

    time_machine.move_to(moment, tick=False)
    settings.DEBUG = True
    call_command("seed_demo")
    now = timezone.now()
    assert not Response.objects.filter(submitted_hour__gt=now).exists()
    campaign = Campaign.objects.get(instrument__code="survey")
    assert (campaign.year, campaign.month) == (moment.year, moment.month)
    assert campaign.responses.count() == 24
    running = GroupRun.objects.get(status="running")
    assert running.sessions.filter(starts_at__lt=now).exists()
    upcoming = running.sessions.filter(starts_at__gt=now).order_by("starts_at").first()
    assert upcoming is not None
    assert Message.objects.filter(object_id=str(upcoming.pk), status="delivered").exists()


def test_seed_demo_gives_the_expert_coordinator_a_year_of_work(db, settings):
    from experts.models import CV, Booking, DiaryEntry, Expert, FeeBatch, Gathering, Order

    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")
    assert Expert.objects.count() == 15
    on_roster = CV.objects.filter(status=CV.Status.PUBLISHED)
    assert on_roster.count() == 12 and on_roster.filter(language="sv").count() == 3
    assert set(Expert.objects.values_list("status", flat=True)) == set(Expert.Status.values) - {
        "ended"
    }
    states = set(Order.objects.values_list("status", flat=True))
    assert states == {"new", "asking", "confirmed", "done", "cancelled"}
    meeting = Order.objects.get(assignment_type="client_meeting")
    assert meeting.status == "confirmed" and meeting.consent.kind == "expert_presence"
    assert Order.objects.filter(late_cancellation=True).count() == 1
    paid = Booking.objects.filter(fee_state="paid")
    months = {b.order.starts_at.month for b in paid}
    assert len(months) >= 8 and FeeBatch.objects.filter(kind="invoice").count() == 1
    assert Gathering.objects.filter(attendance__present=True).distinct().count() >= 6
    assert DiaryEntry.objects.count() == 120
