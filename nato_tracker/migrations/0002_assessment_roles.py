"""The roles again, now with the permissions of assessment rules and cycles
(nato_tracker.roles)."""

from importlib import import_module

from django.db import migrations

roles = import_module("nato_tracker.migrations.0001_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("nato_tracker", "0001_roles"),
        ("commitments", "0002_verdicts"),
    ]

    operations = [migrations.RunPython(roles.create_roles, migrations.RunPython.noop)]
