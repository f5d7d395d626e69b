import datetime

from django.urls import reverse
from django.utils import timezone

from groups.models import Enrolment, GroupRun
from groups.services import enrolment_add
from socialwork.core.schedules import finnish_holidays
from tests.factories import ClientFactory
from tests.factories.groups import make_run, programme
from tests.utils import count_queries


def test_create_a_group_from_a_template(world, login):
    sisu = programme("Sisu")
    client = login(world.counsellor)
    form = client.get(reverse("groups:run_create"), {"programme": sisu.pk}).context["form"]
    assert form.initial["session_count"] == 12 and form.initial["session_minutes"] == 240
    # A Tuesday, not a public holiday, some weeks ahead of whatever day the suite runs.
    starts_on = timezone.localdate() + datetime.timedelta(weeks=6)
    starts_on -= datetime.timedelta(days=(starts_on.weekday() - 1) % 7)
    while starts_on in finnish_holidays([starts_on.year]):
        starts_on += datetime.timedelta(weeks=1)
    data = {
        "programme": sisu.pk,
        "name": "Sisu, kevät",
        "unit": world.unit.pk,
        "starts_on": starts_on.isoformat(),
        "cadence": "weekly",
        "start_time": "10:00",
        "session_minutes": 240,
        "session_count": 12,
        "place": "Nuorisotila",
        "min_size": 8,
        "max_size": 12,
        "facilitators": [world.counsellor.pk, world.social_worker.pk],
        "partner_facilitators": "",
        "ground_rules": "",
    }
    response = client.post(reverse("groups:run_create"), data)
    run = GroupRun.objects.get(name="Sisu, kevät")
    assert response.status_code == 302
    assert run.sessions.count() == 12
    assert timezone.localtime(run.sessions.first().starts_at).date() == starts_on


def test_bad_group_input_gets_messages_and_creates_nothing(world, login):
    response = login(world.counsellor).post(
        reverse("groups:run_create"),
        {
            "programme": programme("Sisu").pk,
            "name": "",
            "unit": world.other_unit.pk,  # not the counsellor's unit
            "starts_on": "31.2.2027",
            "cadence": "weekly",
            "start_time": "10:00",
            "session_minutes": 240,
            "session_count": 12,
            "min_size": 12,
            "max_size": 8,
            "facilitators": [],
        },
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"name", "unit", "starts_on", "facilitators"} <= set(errors)
    assert not GroupRun.objects.exists()


def test_a_full_group_puts_the_next_one_on_the_waiting_list(world, login):
    run = make_run(unit=world.unit, facilitators=[world.counsellor], min_size=1, max_size=1)
    enrolment_add(
        actor=world.counsellor,
        run=run,
        client=ClientFactory(unit=world.unit, named_worker=world.counsellor),
    )
    response = login(world.counsellor).post(
        reverse("groups:enrolment_create", args=[run.pk]),
        {"client": world.client.pk, "referral_source": "own_worker"},
        follow=True,
    )
    assert run.enrolments.get(client=world.client).status == Enrolment.Status.WAITING
    assert any("waiting list" in str(m) or "jono" in str(m) for m in response.context["messages"])


def test_attendance_tap_with_htmx_returns_only_the_row(world, login):
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    enrolment = enrolment_add(actor=world.counsellor, run=run, client=world.client)
    session = run.sessions.first()
    response = login(world.counsellor).post(
        reverse("groups:attendance", args=[session.pk]),
        {"enrolment": enrolment.pk, "status": "present"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200 and html.lstrip().startswith("<li")
    assert 'aria-pressed="true"' in html
    response = login(world.counsellor).post(
        reverse("groups:attendance", args=[session.pk]),
        {"enrolment": enrolment.pk, "status": "nonsense"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422


def test_register_and_group_list_query_counts_are_flat(world, login):
    client = login(world.counsellor)
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    for c in ClientFactory.create_batch(2, unit=world.unit):
        enrolment_add(actor=world.counsellor, run=run, client=c)
    register_few = count_queries(client, reverse("groups:register", args=[run.pk]))
    list_few = count_queries(client, reverse("groups:run_list"))
    for c in ClientFactory.create_batch(6, unit=world.unit):
        enrolment_add(actor=world.counsellor, run=run, client=c)
    make_run(unit=world.unit, facilitators=[world.counsellor], name="Sisu")
    assert count_queries(client, reverse("groups:register", args=[run.pk])) == register_few
    assert count_queries(client, reverse("groups:run_list")) == list_few


def test_supervisor_sees_the_group_but_not_the_names(world, login):
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    enrolment_add(actor=world.counsellor, run=run, client=world.client)
    response = login(world.supervisor).get(reverse("groups:run_detail", args=[run.pk]))
    assert response.status_code == 200
    assert world.client.last_name not in response.content.decode()


def test_calendar_and_programme_list_query_counts_are_flat(world, login):
    client = login(world.counsellor)
    make_run(unit=world.unit, facilitators=[world.counsellor], starts_on=datetime.date.today())
    calendar_few = count_queries(client, reverse("groups:calendar"))
    programmes_few = count_queries(client, reverse("groups:programme_list"))
    make_run(
        unit=world.unit,
        facilitators=[world.counsellor],
        name="Sisu",
        starts_on=datetime.date.today(),
    )
    assert count_queries(client, reverse("groups:calendar")) == calendar_few
    assert count_queries(client, reverse("groups:programme_list")) == programmes_few


def test_the_group_list_is_searched_by_name_status_and_unit(world, login):
    from groups.services import run_set_status

    spring = make_run(unit=world.unit, facilitators=[world.counsellor], name="Solmut auki, kevät")
    sisu = make_run(unit=world.unit, facilitators=[world.counsellor], name="Sisu, kevät")
    run_set_status(actor=world.counsellor, run=sisu, status=GroupRun.Status.RECRUITING)
    make_run(unit=world.other_unit, facilitators=[world.other_counsellor], name="Sisu, muu")
    client = login(world.counsellor)
    url = reverse("groups:run_list")

    def names(**params):
        return [run.name for run in client.get(url, params).context["runs"]]

    assert sorted(names()) == ["Sisu, kevät", "Solmut auki, kevät"]
    assert names(name="sisu") == ["Sisu, kevät"]  # never another unit's group
    assert names(status="recruiting") == ["Sisu, kevät"]
    assert names(status="planned", name="solmut") == [spring.name]
    # Only the units of one's own groups are offered; another unit is no choice at all.
    unit_choices = client.get(url).context["filter"].form.fields["unit"].queryset
    assert list(unit_choices) == [world.unit]
    refused = client.get(url, {"unit": world.other_unit.pk})
    assert refused.status_code == 200 and list(refused.context["runs"]) == []
    assert refused.context["filter"].form.errors["unit"]
    # Searching costs no more queries than listing.
    assert count_queries(client, url, name="sisu", status="recruiting") <= count_queries(
        client, url
    )
