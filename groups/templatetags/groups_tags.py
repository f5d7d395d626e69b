from django import template
from django.utils.safestring import mark_safe

from groups.models import EvaluationQuestion

register = template.Library()

# The mouths of the three faces: down, straight, up. Drawn rather than emoji so that they
# look the same everywhere; hidden from screen readers, which read the words beside them.
MOUTHS = {
    1: "M15 35 Q24 27 33 35",
    2: "M15 32 H33",
    3: "M14 29 Q24 39 34 29",
}


@register.filter
def question_text(question: EvaluationQuestion, language: str) -> str:
    return question.text(language)


@register.filter
def face_svg(value) -> str:
    try:
        mouth = MOUTHS[int(value)]
    except (KeyError, TypeError, ValueError):
        return ""
    return mark_safe(
        '<svg class="face-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">'
        '<circle cx="24" cy="24" r="21" fill="none" stroke="currentColor" stroke-width="3"/>'
        '<circle cx="17" cy="19" r="3" fill="currentColor"/>'
        '<circle cx="31" cy="19" r="3" fill="currentColor"/>'
        f'<path d="{mouth}" fill="none" stroke="currentColor" stroke-width="3" '
        'stroke-linecap="round"/></svg>'
    )
