"""The three roles and their permissions, applied by migration nato_tracker 0001_roles.

Analysts read; Editors annotate paragraphs and curate commitments; Admins also load
documents, restore earlier versions and manage users (give them "staff status" too, to
open the Django admin). A superuser has every permission.

`apply_roles` takes the Group and Permission models as arguments so that the migration
can pass its historical models; tests pass the real ones after a flush.
"""

APP_MODELS = {
    "summits": ["summit", "document", "paragraph"],
    "commitments": [
        "ally",
        "indicator",
        "measurement",
        "release",
        "commitment",
        "statuschange",
        "assessmentrule",
        "assessmentcycle",
        "assessment",
        "assessmentsource",
    ],
    "reader": ["annotation"],
}

READ = [f"{app}.view_{model}" for app, models in APP_MODELS.items() for model in models]

EDIT = [
    "reader.add_annotation",
    "reader.change_annotation",
    "reader.delete_annotation",
    "commitments.change_commitment",
    "commitments.add_statuschange",
    "commitments.add_measurement",
    # An editor's figure (never NATO's) can be withdrawn by an editor, with a reason.
    "commitments.withdraw_measurement",
    # Assessment cycles: open one, score and reason, cite sources, publish.
    "commitments.add_assessmentcycle",
    "commitments.change_assessment",
    "commitments.add_assessmentsource",
    "commitments.publish_assessmentcycle",
]

ADMIN = [
    f"{app}.{action}_{model}"
    for app, models in APP_MODELS.items()
    for model in models
    for action in ("add", "change", "delete")
] + [
    "reader.moderate_annotation",
    "commitments.restore_commitment",
    "auth.view_user",
    "auth.add_user",
    "auth.change_user",
    "auth.delete_user",
    "auth.view_group",
]

ROLES = {
    "Analysts": READ,
    "Editors": READ + EDIT,
    "Admins": READ + EDIT + ADMIN,
}


def apply_roles(group_model, permission_model) -> None:
    """Create the groups (or reset their permissions) from ROLES."""
    for name, perms in ROLES.items():
        group, _created = group_model.objects.get_or_create(name=name)
        wanted = {tuple(perm.split(".", 1)) for perm in perms}
        found = [
            p
            for p in permission_model.objects.filter(
                codename__in={codename for _app, codename in wanted}
            ).select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        if missing:
            raise LookupError(f"Permissions not found for {name}: {sorted(missing)}")
        group.permissions.set(found)
