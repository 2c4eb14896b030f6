"""The roles again, now with the permissions of NATO's releases of figures and of
withdrawing a figure (nato_tracker.roles)."""

from importlib import import_module

from django.db import migrations

roles = import_module("nato_tracker.migrations.0001_roles")


class Migration(migrations.Migration):
    dependencies = [
        ("nato_tracker", "0003_load_generation"),
        ("commitments", "0005_releases"),
    ]

    operations = [migrations.RunPython(roles.create_roles, migrations.RunPython.noop)]
