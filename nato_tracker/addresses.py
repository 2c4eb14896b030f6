"""Addresses that pages write hundreds of times (a paragraph's page, a figure's
history), reversed once: `reverse` costs tens of microseconds a call."""

from collections.abc import Callable
from urllib.parse import quote

from django.urls import reverse

_SENTINEL = 987654321  # stands for the last argument while reversing (int or str)


def address_of(name: str, *args) -> Callable[[object], str]:
    """A function of the last argument of URL `name` (the others given), giving what
    reverse(name, args=[*args, last]) gives, reversed once."""
    prefix, _sentinel, suffix = reverse(name, args=[*args, _SENTINEL]).rpartition(str(_SENTINEL))
    return lambda last: f"{prefix}{quote(str(last))}{suffix}"
