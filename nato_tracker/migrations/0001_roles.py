"""The groups Analysts, Editors and Admins with their permissions (nato_tracker.roles),
once every app's models exist."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from nato_tracker.roles import apply_roles


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    apply_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=["Analysts", "Editors", "Admins"]
    ).delete()


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("summits", "0002_search"),
        ("commitments", "0001_commitments"),
        ("reader", "0001_annotations"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
