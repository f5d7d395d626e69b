"""Results computed ahead of the page: a snapshot of an instrument's figures for one year,
made in a worker whenever answers have arrived since the last one, with the hidden cells
worked out (socialwork.core.disclosure). The results page and the dashboards read the
figures they show from here: hiding a large organisation's figures takes seconds, which a
page must not wait for. A snapshot is complete or absent, never half made, so a page always
shows counts and hidden cells that belong together.

A cell holds the counts of one figure (a question, a section, the answers) in one scope
(unit x worker colour x month x campaign, each possibly "all"), stored under a text key
(`cell_key`)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultsSnapshot(models.Model):
    instrument = models.ForeignKey(
        "feedback.Instrument", on_delete=models.CASCADE, related_name="snapshots"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The items whose figures it holds (fingerprints): another version's page computes its own.
    fingerprints = models.JSONField(default=list)
    # Answers from before this hour are counted (feedback.results.fresh_before).
    counted_before = models.DateTimeField(_("counts answers before"))
    responses = models.PositiveIntegerField(_("answers counted"), default=0)
    made_at = models.DateTimeField(_("made"), auto_now_add=True)
    seconds = models.FloatField(_("took (seconds)"), default=0)

    class Meta:
        verbose_name = _("results snapshot")
        verbose_name_plural = _("results snapshots")
        indexes = [
            models.Index(fields=["instrument", "year", "-made_at"], name="feedback_snapshot_latest")
        ]

    def __str__(self) -> str:
        return f"{self.instrument_id}/{self.year} {self.counted_before:%Y-%m-%d %H}"


class ResultsCell(models.Model):
    snapshot = models.ForeignKey(ResultsSnapshot, on_delete=models.CASCADE, related_name="cells")
    metric = models.CharField(max_length=80)
    key = models.CharField(max_length=120)
    n = models.PositiveIntegerField()
    total = models.BigIntegerField(default=0)
    values = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    hidden = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["snapshot", "key", "metric"], name="feedback_results_cell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.snapshot_id}: {self.metric} {self.key}"
