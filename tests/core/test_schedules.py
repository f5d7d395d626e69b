from datetime import UTC, date, time

from socialwork.core.schedules import (
    HELSINKI,
    MONTHLY,
    QUARTERLY,
    Cadence,
    cadence_dates,
    local_span,
)


def test_weekly_sessions_skip_public_holidays_and_keep_the_count():
    # Thursdays from 30 April 2026: Ascension Day (14 May) is skipped, the group meets on.
    dates = cadence_dates(first=date(2026, 4, 30), cadence=Cadence.WEEKLY, count=4)
    assert dates == [date(2026, 4, 30), date(2026, 5, 7), date(2026, 5, 21), date(2026, 5, 28)]


def test_weekly_sessions_skip_midsummer_eve_and_christmas():
    fridays = cadence_dates(first=date(2026, 6, 12), cadence=Cadence.WEEKLY, count=2)
    assert date(2026, 6, 19) not in fridays  # Midsummer Eve
    thursdays = cadence_dates(first=date(2026, 12, 17), cadence=Cadence.WEEKLY, count=2)
    assert thursdays == [date(2026, 12, 17), date(2026, 12, 31)]  # not Christmas Eve


def test_twice_a_month_is_every_other_week():
    dates = cadence_dates(first=date(2026, 9, 1), cadence=Cadence.TWICE_A_MONTH, count=3)
    assert dates == [date(2026, 9, 1), date(2026, 9, 15), date(2026, 9, 29)]


def test_consecutive_days_skip_weekends_and_holidays():
    # Five days from Wednesday 2 December 2026: Independence Day (Sunday 6 December) is a
    # weekend anyway; the course goes on over the weekend to Monday and Tuesday.
    dates = cadence_dates(first=date(2026, 12, 2), cadence=Cadence.CONSECUTIVE_DAYS, count=5)
    assert dates == [
        date(2026, 12, 2),
        date(2026, 12, 3),
        date(2026, 12, 4),
        date(2026, 12, 7),
        date(2026, 12, 8),
    ]
    easter = cadence_dates(first=date(2026, 4, 1), cadence=Cadence.CONSECUTIVE_DAYS, count=3)
    assert easter == [date(2026, 4, 1), date(2026, 4, 2), date(2026, 4, 7)]


def test_several_days_a_week_on_chosen_weekdays():
    dates = cadence_dates(
        first=date(2026, 11, 23), cadence=Cadence.SEVERAL_DAYS_A_WEEK, count=4, weekdays=[0, 2]
    )
    assert dates == [date(2026, 11, 23), date(2026, 11, 25), date(2026, 11, 30), date(2026, 12, 2)]


def test_local_time_is_kept_across_daylight_saving_changes():
    # Summer time ends on Sunday 25 October 2026: 10:00 is 07:00 UTC before, 08:00 after.
    before, _ = local_span(date(2026, 10, 22), time(10, 0), 120)
    after, after_end = local_span(date(2026, 10, 29), time(10, 0), 120)
    assert before.utcoffset().total_seconds() == 3 * 3600
    assert after.utcoffset().total_seconds() == 2 * 3600
    assert after.astimezone(HELSINKI).hour == 10 and after_end.astimezone(HELSINKI).hour == 12
    # Summer time starts on 29 March 2026 at 03:00: a session over the change ends at its
    # local end time (one hour less in real time).
    starts, ends = local_span(date(2026, 3, 29), time(1, 0), 180)
    real = ends.astimezone(UTC) - starts.astimezone(UTC)
    assert ends.hour == 4 and real.total_seconds() == 2 * 3600


def test_a_monthly_council_keeps_its_weekday_of_the_month_and_moves_past_holidays():
    # The second Tuesday of the month from 13 October 2026. December's second Tuesday is
    # the 8th; in 2027 the second Tuesday of April is the 13th, and of May the 11th.
    dates = cadence_dates(first=date(2026, 10, 13), cadence=MONTHLY, count=8)
    assert dates[:3] == [date(2026, 10, 13), date(2026, 11, 10), date(2026, 12, 8)]
    assert all(d.weekday() == 1 and 8 <= d.day <= 14 for d in dates)
    # Ascension Day 2026 is 14 May, the second Thursday of the month: a council of second
    # Thursdays meets a week later that month, on the 21st; no month is skipped.
    may = cadence_dates(first=date(2026, 4, 9), cadence=MONTHLY, count=2)
    assert may == [date(2026, 4, 9), date(2026, 5, 21)]


def test_a_quarterly_council_meets_four_times_a_year():
    dates = cadence_dates(first=date(2026, 2, 3), cadence=QUARTERLY, count=5)
    assert dates == [
        date(2026, 2, 3),
        date(2026, 5, 5),
        date(2026, 8, 4),
        date(2026, 11, 3),
        date(2027, 2, 2),
    ]


def test_a_fifth_weekday_of_the_month_becomes_the_last_one():
    # 29 September 2026 is the fifth Tuesday; October and November have four, so the
    # council meets on their last Tuesdays, the 27th and the 24th.
    dates = cadence_dates(first=date(2026, 9, 29), cadence=MONTHLY, count=3)
    assert dates == [date(2026, 9, 29), date(2026, 10, 27), date(2026, 11, 24)]
