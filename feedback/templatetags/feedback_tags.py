from django import template

register = template.Library()


@register.simple_tag
def face_level(scale: str, value) -> int:
    """The face to draw for a value: three faces use the two ends and the middle of five."""
    value = int(value)
    return {1: 1, 2: 3, 3: 5}[value] if scale == "faces3" else value


@register.filter
def get_item(mapping: dict, key: str):
    return mapping.get(key, "")
