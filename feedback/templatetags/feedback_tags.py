from django import template

from feedback import models

register = template.Library()


@register.simple_tag
def face_level(scale: str, value) -> int:
    return models.face_level(scale, value)


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key, "")
