"""Fees as the coordinator handles them: agreed with the booking, approved after the event,
exported to payroll once (CSV and XLSX read back) unless reopened, invoiced to an outside
orderer as a PDF, marked paid; the totals in the private file. Each test sets its own
"now"."""

import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from experts import selectors, services
from experts.models import Booking, Expert, FeeBatch, Organisation
from socialwork.core.schedules import HELSINKI
from socialwork.documents.services import document_render
from tests.experts.helpers import booked, on_roster, order
from tests.utils import count_queries


@pytest.fixture(autouse=True)
def _in_english():
    """The messages are asserted in English, their msgids; the app itself speaks Finnish."""
    with translation.override("en"):
        yield


MARCH = datetime(2027, 3, 1, 9, tzinfo=HELSINKI)


def done(world, starts_at, expert, **data):
    """An event that took place, with its booking."""
    with time_machine.travel(starts_at - timedelta(days=10), tick=False):
        the_order = order(world, starts_at, **data)
        booking = booked(world, the_order, expert)
    with time_machine.travel(starts_at + timedelta(hours=3), tick=False):
        services.order_done(actor=world.counsellor, order=the_order)
    booking.refresh_from_db()
    return booking


@pytest.mark.django_db
def test_a_fee_goes_from_agreed_to_payroll_once_and_is_read_back(world, login):
    pirjo = on_roster(world, "Pirjo Lehtonen")
    salaried = on_roster(world, "Olli Nieminen", employment=Expert.Employment.SALARIED)
    talk = done(world, datetime(2027, 3, 10, 12, tzinfo=HELSINKI), pirjo)
    drama = done(world, datetime(2027, 3, 24, 9, tzinfo=HELSINKI), pirjo, fee_offered=None)
    employed = done(world, datetime(2027, 3, 12, 9, tzinfo=HELSINKI), salaried)
    assert employed.fee is None and employed.fee_state == Booking.FeeState.NONE
    coordinator = world.expert_coordinator
    with time_machine.travel(datetime(2027, 4, 2, 10, tzinfo=HELSINKI), tick=False):
        booking, warning = services.fee_set(actor=coordinator, booking=drama, amount="120,00")
        assert booking.fee == Decimal("120.00") and "outside the usual 30–100" in warning
        with pytest.raises(ValidationError):
            services.fee_set(actor=coordinator, booking=drama, amount="paljon")
        with pytest.raises(ValidationError):
            services.fee_set(actor=coordinator, booking=employed, amount="50")
        assert services.fees_approve(actor=coordinator, bookings=[talk, drama, employed]) == 2

        client = login(coordinator)
        page = client.post(reverse("experts:payroll_export"), {"month": "2027-03"})
        assert page.status_code == 302
        batch = FeeBatch.objects.get()
        # Exported once: the same month again finds nothing to export.
        assert services.payroll_export(actor=coordinator, month=date(2027, 3, 1)) is None
        xlsx = client.get(reverse("experts:payroll_file", args=[batch.pk, "xlsx"]))
        sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        # In the coordinator's language (Finnish).
        assert rows[0] == [
            "Palkkanumero",
            "Nimi",
            "Tehtävä",
            "Päivämäärä",
            "Summa (EUR)",
            "Kustannuspaikka",
            "Yksikkö",
        ]
        reference = pirjo.payroll_reference
        assert [(r[0], r[1], r[3].date(), r[4], r[5]) for r in rows[1:]] == [
            (reference, "Pirjo Lehtonen", date(2027, 3, 10), 50, "4410"),
            (reference, "Pirjo Lehtonen", date(2027, 3, 24), 120, "4410"),
        ]
        text = client.get(reverse("experts:payroll_file", args=[batch.pk, "csv"])).content
        lines = list(csv.reader(io.StringIO(text.decode("utf-8-sig")), delimiter=";"))
        assert lines[1][3:5] == ["10.03.2027", "50,00"]
        # Each download named Pirjo (an expert is a client too) to the payroll office: a
        # disclosure in her access report; Olli, salaried, was not in it.
        from socialwork.audit.models import AuditEvent

        disclosures = AuditEvent.objects.filter(action=AuditEvent.Action.DISCLOSE)
        assert [(e.object_id, e.changed_fields) for e in disclosures] == [
            (str(pirjo.client_id), ["expert_payroll_export"])
        ] * 2

        talk.refresh_from_db()
        assert (talk.fee_state, talk.batch) == (Booking.FeeState.PAYROLL, batch)
        # Reopened, it goes out in the next export, and only there.
        services.fee_reopen(actor=coordinator, booking=talk)
        again = services.payroll_export(actor=coordinator, month=date(2027, 3, 1))
        assert list(again.bookings.all()) == [talk] and again.number == batch.number + 1
        assert (
            services.fees_mark_paid(
                actor=coordinator, bookings=[talk, drama], paid_on=date(2027, 4, 2)
            )
            == 2
        )
        totals = selectors.fee_totals(pirjo)
        assert totals == {
            "year": Decimal("170.00"),
            "month": Decimal("0.00"),
            "paid": Decimal("170.00"),
        }


@pytest.mark.django_db
def test_an_outside_orderer_gets_an_invoice_pdf_of_its_fees(world):
    import subprocess

    school = Organisation.objects.create(
        name="Sosiaalialan oppilaitos",
        billing_address="PL 12\n33100 Tampere",
        business_id="1234567-8",
    )
    pirjo = on_roster(world, "Pirjo Lehtonen")
    lesson = done(
        world,
        datetime(2027, 3, 16, 10, tzinfo=HELSINKI),
        pirjo,
        unit=None,
        organisation=school,
        actor=world.expert_coordinator,
    )
    with time_machine.travel(datetime(2027, 4, 1, 9, tzinfo=HELSINKI), tick=False):
        services.fees_approve(actor=world.expert_coordinator, bookings=[lesson])
        # The unit's payroll does not carry an outside orderer's fee.
        assert (
            services.payroll_export(actor=world.expert_coordinator, month=date(2027, 3, 1)) is None
        )
        batch = services.invoice_create(
            actor=world.expert_coordinator, month=date(2027, 3, 1), organisation=school
        )
    document = document_render(document_id=batch.document_id)
    assert document.is_ready
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=bytes(document.file), capture_output=True, check=True
    ).stdout.decode()
    assert "Sosiaalialan oppilaitos" in text and "1234567-8" in text and "50,00" in text
    assert "Lasku 1" in text
    # The invoice names no expert: they are clients too.
    assert "Lehtonen" not in text
    lesson.refresh_from_db()
    assert lesson.fee_state == Booking.FeeState.INVOICED


@pytest.mark.django_db
@time_machine.travel(MARCH, tick=False)
def test_the_fee_list_stays_flat_as_it_grows(world, login):
    pirjo = on_roster(world, "Pirjo Lehtonen")
    done(world, datetime(2027, 2, 10, 12, tzinfo=HELSINKI), pirjo)
    client = login(world.expert_coordinator)
    url = reverse("experts:fees")
    few = count_queries(client, url, month="2027-02")
    for day in range(11, 16):
        done(world, datetime(2027, 2, day, 12, tzinfo=HELSINKI), pirjo)
    assert count_queries(client, url, month="2027-02") == few
    assert client.get(url, {"month": "ei-kuukausi"}).status_code == 200
