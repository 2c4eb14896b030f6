from django.contrib.auth.management import create_permissions
from django.db import migrations

from commitments.roles import apply_roles


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
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("commitments", "0002_initial"),
        ("summits", "0003_annotation_moderate"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="commitment",
            options={
                "ordering": ["summit__started_on", "paragraph__document", "paragraph__position", "pk"],
                "permissions": [
                    ("restore_commitment", "Can restore an earlier version of a commitment")
                ],
                "verbose_name": "commitment",
                "verbose_name_plural": "commitments",
            },
        ),
        migrations.RunPython(create_roles, remove_roles),
    ]
