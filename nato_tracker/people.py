"""How people are named on the pages: by their display name, never their sign-in name.

The sign-in name is half of what an attacker needs; pages, feeds and histories show
the name an admin gave the account (first and last name in the user admin), or "an
editor" when it has none. Only the header shows its own sign-in name to the signed-in
user, and the audit log keeps sign-in names for the operators.
"""

from django.utils.translation import gettext as _


def display_name(user) -> str:
    """The user's full name, "an editor" without one; "" for no user."""
    if user is None:
        return ""
    return user.get_full_name().strip() or _("an editor")
