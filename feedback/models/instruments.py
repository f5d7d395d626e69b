"""Instruments as data: versions, questions (items) and their scales, in three languages."""

import hashlib
import json

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from socialwork.people.models import Language

LANGUAGES = [code for code, _label in Language.choices]


def in_language(texts: dict, language: str | None = None) -> str:
    """The text in the wanted language, else Finnish, else whatever there is."""
    language = (language or get_language() or "fi")[:2]
    return texts.get(language) or texts.get("fi") or next(iter(texts.values()), "")


def item_fingerprint(code: str, scale: str, text: dict, options: list) -> str:
    """Same wording, scale and options in every language: the same question. The seed
    migration uses it too, so it must stay a plain function."""
    body = json.dumps([code, scale, text, options], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


class Scale(models.TextChoices):
    FACES3 = "faces3", _("Three faces")
    FACES5 = "faces5", _("Five faces")
    AGREE5 = "agree5", _("Agreement from 1 to 5")
    CHOICE = "choice", _("One of the options")
    YEAR = "year", _("Year")
    SHORT_TEXT = "short_text", _("Short text")
    TEXT = "text", _("Free text")


# The numeric range each scale stores. Faces are ordinals with 1 the saddest (domain guide §3.2).
SCALE_RANGE = {
    Scale.FACES3: (1, 3),
    Scale.FACES5: (1, 5),
    Scale.AGREE5: (1, 5),
}


TEXT_SCALES = frozenset({Scale.SHORT_TEXT, Scale.TEXT})


# The face drawn for a value: three faces use the two ends and the middle of five.
FACE_LEVEL = {Scale.FACES3: {1: 1, 2: 3, 3: 5}, Scale.FACES5: {v: v for v in range(1, 6)}}


def face_level(scale: str, value) -> int:
    """0 for a scale without faces."""
    return FACE_LEVEL.get(scale, {}).get(int(value), 0)


class Instrument(models.Model):
    """A feedback instrument: the card, the satisfaction survey, the oral questions."""

    class Kind(models.TextChoices):
        CARD = "card", _("Feedback card")
        SURVEY = "survey", _("Client satisfaction survey")
        ORAL = "oral", _("Oral feedback")
        USEFULNESS = "usefulness", _("Usefulness of the meeting")
        COUNCIL = "council", _("Members' feedback on a client council")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    name = models.JSONField(_("name"), help_text=_("The name in each language."))
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        help_text=_("Sees that the feedback is collected and used."),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["code"]

    def __str__(self) -> str:
        return in_language(self.name)

    @property
    def is_micro(self) -> bool:
        """Recorded by the worker after a meeting rather than given by the client alone."""
        return self.kind in (self.Kind.ORAL, self.Kind.USEFULNESS)


class InstrumentVersion(models.Model):
    """One fixed wording of an instrument. A version that has answers is never edited: a
    change makes the next version, so that old answers keep the questions they answered."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    # Introductions and instructions per language: {"fi": "...", "sv": "...", "en": "..."}.
    intro = models.JSONField(_("introduction"), default=dict, blank=True)
    # Texts that are not from the source material, per language, so the page can say so.
    translated = ArrayField(
        models.CharField(max_length=2),
        verbose_name=_("languages translated for this product"),
        default=list,
        blank=True,
    )
    # Words of the answer options: {"agree5": {"1": {"fi": ..., "sv": ..., "en": ...}}}.
    scale_labels = models.JSONField(_("answer labels"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("instrument version")
        verbose_name_plural = _("instrument versions")
        ordering = ["instrument", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["instrument", "number"], name="feedback_version_unique_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instrument} v{self.number}"


class Item(models.Model):
    """One question of a version, with its text in each language exactly as the source has
    it. `fingerprint` changes when the wording, scale or options change: results put answers
    from two versions side by side only where the fingerprints match."""

    version = models.ForeignKey(
        InstrumentVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="items"
    )
    code = models.SlugField(_("code"), max_length=40)
    order = models.PositiveSmallIntegerField(_("order"))
    section = models.SlugField(_("section"), max_length=40, blank=True)
    section_title = models.JSONField(_("section title"), default=dict, blank=True)
    number = models.CharField(_("number on the form"), max_length=10, blank=True)
    scale = models.CharField(_("scale"), max_length=20, choices=Scale)
    text = models.JSONField(_("text"))
    # Words only the printed form needs, such as "(ympyröi)" (circle): kept verbatim, shown
    # on paper, left out on a screen where they would make no sense.
    paper_note = models.JSONField(_("note on the printed form"), default=dict, blank=True)
    # For CHOICE: [{"value": 1, "text": {"fi": ..., "sv": ..., "en": ...}}, ...]
    options = models.JSONField(_("options"), default=list, blank=True)
    fingerprint = models.CharField(max_length=64, editable=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="feedback_item_unique_code")
        ]

    def __str__(self) -> str:
        return in_language(self.text)

    def save(self, *args, **kwargs):
        self.fingerprint = self.compute_fingerprint()
        super().save(*args, **kwargs)

    def compute_fingerprint(self) -> str:
        return item_fingerprint(self.code, self.scale, self.text, self.options)

    @property
    def is_text(self) -> bool:
        return self.scale in TEXT_SCALES

    @property
    def is_background(self) -> bool:
        return self.section == "background"

    def value_range(self) -> tuple[int, int] | None:
        if self.scale in SCALE_RANGE:
            return SCALE_RANGE[self.scale]
        if self.scale == Scale.CHOICE and self.options:
            values = [option["value"] for option in self.options]
            return min(values), max(values)
        if self.scale == Scale.YEAR:
            # A year of birth or of an event: never in the future, on the tablet as on the web
            # form (the tablet once took 2100; the fuzz test's valid answers showed the two
            # disagreed).
            return 1900, timezone.localdate().year
        return None
