"""`{% load people %}`: `{{ user|display_name }}`, see nato_tracker.people."""

from django import template

from nato_tracker import people

register = template.Library()


@register.filter
def display_name(user) -> str:
    return people.display_name(user)
