"""The groups' pages, by area: runs, participants, sessions, evaluations, the calendar,
and the participants' own pages without a login (public)."""
