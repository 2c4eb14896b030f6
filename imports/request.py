"""What an admin asks for when loading a communiqué: where the text goes and what it is.

Built once from the upload form (or the command's options), shown by the preview,
carried by the confirmation's payload as plain data (`as_data`) and read back with one
lookup of the summit and of the document it replaces (`from_data`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from django.utils.text import slugify
from django.utils.translation import gettext as _

from summits.models import Document, Summit
from summits.services import ImportConflict


@dataclass(frozen=True)
class NewSummit:
    """A meeting to create with the document."""

    name: str
    kind: str
    city: str
    started_on: date
    ended_on: date
    country: str = ""

    def slug(self) -> str:
        return slugify(f"{self.city} {self.started_on.year}")[:70] or "summit"

    def as_data(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "city": self.city,
            "country": self.country,
            "started_on": self.started_on.isoformat(),
            "ended_on": self.ended_on.isoformat(),
        }

    @classmethod
    def from_data(cls, data: dict) -> NewSummit:
        return cls(
            name=data["name"],
            kind=data["kind"],
            city=data["city"],
            country=data["country"],
            started_on=date.fromisoformat(data["started_on"]),
            ended_on=date.fromisoformat(data["ended_on"]),
        )


@dataclass(frozen=True)
class ImportRequest:
    """The summit (an existing one, or one to create), the document's description, and
    the document it corrects, if any."""

    kind: str
    published_on: date
    summit: Summit | None = None
    new_summit: NewSummit | None = None
    title: str = ""
    source_name: str = ""
    source_url: str = ""
    replaces: Document | None = None
    translates: Document | None = None  # the same text in another language

    def __post_init__(self):
        if (self.summit is None) == (self.new_summit is None):
            raise ValueError("Give a summit or a new summit, not both.")

    def replacing(self, document: Document | None) -> ImportRequest:
        return replace(self, replaces=document)

    def translating(self, document: Document | None) -> ImportRequest:
        return replace(self, translates=document)

    def as_data(self) -> dict:
        return {
            "summit": self.summit.pk if self.summit else None,
            "new_summit": self.new_summit.as_data() if self.new_summit else None,
            "title": self.title,
            "kind": self.kind,
            "published_on": self.published_on.isoformat(),
            "source_name": self.source_name,
            "source_url": self.source_url,
            "replaces": self.replaces.pk if self.replaces else None,
            "translates": self.translates.pk if self.translates else None,
        }

    @classmethod
    def from_data(cls, data: dict) -> ImportRequest:
        """Read back what as_data wrote; raises ImportConflict when the summit or the
        document it names has been deleted since."""
        summit = new_summit = replaces = translates = None
        if data["summit"] is not None:
            summit = Summit.objects.filter(pk=data["summit"]).first()
            if summit is None:
                raise ImportConflict(_("The summit chosen has been deleted."))
        else:
            new_summit = NewSummit.from_data(data["new_summit"])
        if data["replaces"] is not None:
            replaces = Document.objects.without_text().filter(pk=data["replaces"]).first()
            if replaces is None:
                raise ImportConflict(_("The document to correct has been deleted."))
        if data.get("translates") is not None:
            translates = Document.objects.without_text().filter(pk=data["translates"]).first()
            if translates is None:
                raise ImportConflict(_("The document in the other language has been deleted."))
        return cls(
            summit=summit,
            new_summit=new_summit,
            title=data["title"],
            kind=data["kind"],
            published_on=date.fromisoformat(data["published_on"]),
            source_name=data["source_name"],
            source_url=data["source_url"],
            replaces=replaces,
            translates=translates,
        )
