from django import template

from groups.models import EvaluationQuestion

register = template.Library()


@register.filter
def question_text(question: EvaluationQuestion, language: str) -> str:
    return question.text(language)


@register.filter
def face(faces: dict, value) -> str:
    """The face for a choice value (the words are in the label beside it)."""
    try:
        return faces[int(value)][1]
    except (KeyError, TypeError, ValueError):
        return ""
