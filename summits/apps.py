from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class SummitsConfig(AppConfig):
    name = "summits"
    verbose_name = _("Summits and documents")

    def ready(self):
        from .fulltext import ensure_sqlite_index

        # Puts SQLite's search index back if a migration rebuilt the paragraph table.
        post_migrate.connect(ensure_sqlite_index, sender=self)
