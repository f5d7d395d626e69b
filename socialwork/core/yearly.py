"""What happened in a year, as a registry the apps fill from their AppConfig.ready: each
app tells which of its own records belong on the annual clock (a survey campaign, a council
meeting, a course start, an expert supervision, a participation event ...), and the clock
(participation) reads them all without importing any app.

A source is fn(year, unit_ids) -> list[YearEntry]; `unit_ids` None means the whole
organisation. A source returns only counts and titles a supervisor may read anyway (never a
client's name) and the address of the page where the record is; that page checks its own
permissions."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class YearEntry:
    day: datetime.date
    kind: str  # one of KINDS
    title: str
    url: str = ""
    unit_id: int | None = None  # None: the whole organisation's


# The kinds of recurring participation work the clock draws, one ring each, in this order
# (domain guide §4.6).
KINDS = (
    "survey",
    "theme_afternoon",
    "theme_week",
    "network_day",
    "council",
    "course",
    "supervision",
    "sora",
    "reporting",
    "other",
)

YearSource = Callable[[int, set[int] | None], list[YearEntry]]
_sources: dict[str, YearSource] = {}


def register_year_source(name: str) -> Callable[[YearSource], YearSource]:
    def register(source: YearSource) -> YearSource:
        _sources[name] = source
        return source

    return register


def year_entries(year: int, unit_ids: set[int] | None) -> list[YearEntry]:
    """Every registered source's entries for the year, in the order of their days."""
    entries = [entry for source in _sources.values() for entry in source(year, unit_ids)]
    return sorted(entries, key=lambda entry: (entry.day, KINDS.index(entry.kind), entry.title))
