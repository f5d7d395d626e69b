"""A contact slip cannot be tied to the answer it came with by any order the database keeps:
not the ids, not the transaction ids (xmin), not the rows' places on disk (ctid), not the
date. Twenty clients in a row each answer and then leave their name, as at the tablet."""

import uuid

import pytest
from django.db import connection
from django.utils import timezone

from feedback import services
from feedback.models import ContactSlip
from tests.feedback.conftest import enrolled_kiosk, release_slips

CLIENTS = 20


def ranks(values: list) -> list[float]:
    """Average ranks, so that tied values (one transaction for a whole batch) tell nothing."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2
        i = j + 1
    return result


def spearman(a: list, b: list) -> float:
    ra, rb = ranks(a), ranks(b)
    ma, mb = sum(ra) / len(ra), sum(rb) / len(rb)
    cov = sum((x - ma) * (y - mb) for x, y in zip(ra, rb, strict=True))
    va = sum((x - ma) ** 2 for x in ra) ** 0.5
    vb = sum((y - mb) ** 2 for y in rb) ** 0.5
    return 0.0 if va == 0 or vb == 0 else cov / (va * vb)


def orderings(table: str, marker_sql: str) -> dict[str, dict[str, object]]:
    """For each column that orders rows, the value of each client's row (by marker)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {marker_sql}, id::text, xmin::text::bigint, ctid::text FROM {table}"
        )
        rows = cursor.fetchall()

    def place(ctid):
        page, item = ctid.strip("()").split(",")
        return (int(page), int(item))

    return {
        "id": {m: i for m, i, _x, _c in rows},
        "xmin": {m: x for m, _i, x, _c in rows},
        "ctid": {m: place(c) for m, _i, _x, c in rows},
    }


# Each answer and slip in its own transaction, as at the tablet: in one test transaction
# every row would share one xmin and the test could not see that order.
@pytest.mark.django_db(transaction=True)
def test_no_order_in_the_database_ties_a_slip_to_its_answer(world, survey):
    tablet = enrolled_kiosk(world, survey)
    version = survey.versions.order_by("-number").first()
    for n in range(CLIENTS):
        services.kiosk_answer_record(
            secret=tablet.secret,
            key=uuid.uuid4(),
            version_id=version.pk,
            language="fi",
            answers={"q1": 4, "free_text": f"asiakas {n:02d}"},  # the marker the test knows them by
        )
        services.contact_slip_record(
            slip_id=uuid.uuid4(),
            name=f"asiakas {n:02d}",
            phone="0401234567",
            email="",
            interest="council",
            message="",
            unit_id=world.unit.pk,
        )
    # Before the job, the coordinator has nothing that came with these answers.
    assert not ContactSlip.objects.exists()
    assert release_slips() == CLIENTS
    assert ContactSlip.objects.count() == CLIENTS
    assert set(ContactSlip.objects.values_list("received_on", flat=True)) == {timezone.localdate()}

    answers = orderings(
        "feedback_response r",
        "(SELECT a.text FROM feedback_answer a WHERE a.response_id = r.id AND a.text <> '')",
    )
    answer_rows = orderings("feedback_answer", "text")
    slips = orderings("feedback_contactslip", "name")
    markers = sorted(slips["id"])
    assert len(markers) == CLIENTS and set(markers) == set(answers["id"])
    worst = []
    for slip_column, slip_values in slips.items():
        for source in (answers, answer_rows):
            for answer_column, answer_values in source.items():
                if answer_column == "id" and source is answer_rows:
                    continue  # an answer row's id is as random as the response's
                rho = spearman(
                    [slip_values[m] for m in markers], [answer_values[m] for m in markers]
                )
                # Random keys: ids compare as numbers.
                worst.append((abs(rho), slip_column, answer_column))
    # Twenty in a row: before this was mended, xmin and ctid ordered both alike (rho = 1).
    # A random order has |rho| above 0.75 with a chance of about one in 100 000.
    assert max(worst)[0] < 0.75, sorted(worst, reverse=True)[:3]
    # Nor does the order of the ids themselves follow the order the answers came in.
    came = [int(answers["xmin"][m]) for m in markers]
    ids = [int(answers["id"][m]) for m in markers]
    assert abs(spearman(came, ids)) < 0.75
