from django import template

from experts import permissions

register = template.Library()


@register.filter
def is_expert_coordinator(user) -> bool:
    return permissions.is_coordinator(user)
