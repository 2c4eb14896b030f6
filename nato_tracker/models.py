from django.db import models


class LoadGeneration(models.Model):
    """One row whose token changes whenever figures or texts are loaded: part of every
    key of what is cached until the next load (nato_tracker.cache)."""

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.token
