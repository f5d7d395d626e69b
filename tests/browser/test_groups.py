import pytest
from django.urls import reverse
from playwright.sync_api import expect

from groups.models import Attendance
from groups.services import enrolment_add
from tests.factories import ClientFactory
from tests.factories.groups import make_run

pytestmark = pytest.mark.django_db(transaction=True)


def test_mark_attendance_for_a_whole_session_on_a_tablet(world, page, live_server, axe, log_in):
    run = make_run(unit=world.unit, facilitators=[world.counsellor])
    people = [world.client, *ClientFactory.create_batch(4, unit=world.unit)]
    enrolments = [enrolment_add(actor=world.counsellor, run=run, client=c) for c in people]
    session = run.sessions.first()

    log_in(world.counsellor)
    page.get_by_role("button", name="English").click()
    axe.check()
    page.goto(live_server.url + reverse("groups:session_detail", args=[session.pk]))
    axe.check()
    page.get_by_role("link", name="Take attendance").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attendance")
    axe.check()

    # Everyone present but two: one told beforehand, one did not come. A tap per person,
    # no page loads (htmx swaps the row).
    marks = ["Present", "Present", "Absent with notice", "Present", "Absent"]
    for enrolment, mark in zip(enrolments, marks, strict=True):
        row = page.locator(f"#attendance-{enrolment.pk}")
        row.get_by_role("button", name=mark, exact=True).click()
        expect(
            page.locator(f"#attendance-{enrolment.pk}").get_by_role("button", name=mark, exact=True)
        ).to_have_attribute("aria-pressed", "true")
    assert axe.loaded.count(page.url) == 1  # the page itself was loaded once
    axe.check()

    saved = dict(Attendance.objects.filter(session=session).values_list("enrolment_id", "status"))
    assert saved == {
        enrolments[0].pk: "present",
        enrolments[1].pk: "present",
        enrolments[2].pk: "excused",
        enrolments[3].pk: "present",
        enrolments[4].pk: "absent",
    }
    # A mistake is one more tap away.
    page.locator(f"#attendance-{enrolments[4].pk}").get_by_role("button", name="Present").click()
    expect(
        page.locator(f"#attendance-{enrolments[4].pk}").get_by_role("button", name="Present")
    ).to_have_attribute("aria-pressed", "true")
    assert Attendance.objects.get(enrolment=enrolments[4], session=session).status == "present"

    page.get_by_role("link", name="Done").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe.check()
    page.goto(live_server.url + reverse("groups:register", args=[run.pk]))
    expect(page.get_by_role("table")).to_contain_text(people[0].full_name)
    axe.check()
