"""The demo's reports: nothing of their own to add, but the figures the beat jobs keep are
made now, so that the dashboards show the demo's data at once (the groups' figures by
month and the feedback results snapshots)."""


def seed() -> None:
    from feedback.services import results_refresh_due
    from groups.services import figures_refresh

    figures_refresh()
    results_refresh_due()
