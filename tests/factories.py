"""Plain factory functions for tests: keyword arguments override the defaults."""

from datetime import date

from summits.models import Document, Paragraph, Summit
from summits.text import fold


def make_summit(**kw):
    kw.setdefault("slug", "test-summit")
    kw.setdefault("name", "Test Summit")
    kw.setdefault("city", "Brussels")
    kw.setdefault("started_on", date(2030, 6, 1))
    kw.setdefault("ended_on", kw["started_on"])
    return Summit.objects.create(**kw)


def make_document(**kw):
    if "summit" not in kw:
        kw["summit"] = make_summit()
    kw.setdefault("slug", "test-document")
    kw.setdefault("title", "Test communiqué")
    kw.setdefault("kind", Document.Kind.COMMUNIQUE)
    kw.setdefault("language", "fr")
    kw.setdefault("published_on", kw["summit"].started_on)
    kw.setdefault("raw_text", "1. Texte.")
    kw.setdefault("encoding", "utf-8")
    kw.setdefault("sha256", str(abs(hash(kw["raw_text"]))).ljust(64, "0")[:64])
    return Document.objects.create(**kw)


def make_paragraph(**kw):
    if "document" not in kw:
        kw["document"] = make_document()
    kw.setdefault("position", 1)
    kw.setdefault("number", kw["position"])
    kw.setdefault("label", str(kw["number"]))
    kw.setdefault("text", "Nous nous engageons à investir au moins 2 % du PIB.")
    kw.setdefault("folded_text", fold(kw["text"]))
    return Paragraph.objects.create(**kw)
