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
    kw.setdefault("summit", make_summit())
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
    kw.setdefault("document", make_document())
    kw.setdefault("position", 1)
    kw.setdefault("number", kw["position"])
    kw.setdefault("label", str(kw["number"]))
    kw.setdefault("text", "Nous nous engageons à investir au moins 2 % du PIB.")
    kw.setdefault("folded_text", fold(kw["text"]))
    return Paragraph.objects.create(**kw)


def make_admin(**kw):
    """A user allowed to load communiqués (what the Admins group grants)."""
    from django.contrib.auth.models import Permission, User

    kw.setdefault("username", "admin")
    user = User.objects.create_user(password="pw", **kw)
    user.user_permissions.add(Permission.objects.get(codename="add_document"))
    return user


def make_annotation(**kw):
    from django.contrib.auth.models import User

    from summits.models import Annotation

    if "paragraph" not in kw:
        kw["paragraph"] = make_paragraph()
    if "author" not in kw:
        kw["author"], _ = User.objects.get_or_create(username="editor")
    text = kw["paragraph"].text
    kw.setdefault("quote", text[:20])
    kw.setdefault("start", text.find(kw["quote"]))
    kw.setdefault("end", kw["start"] + len(kw["quote"]))
    kw.setdefault("prefix", text[max(0, kw["start"] - 32) : kw["start"]])
    kw.setdefault("suffix", text[kw["end"] : kw["end"] + 32])
    kw.setdefault("body", "A note.")
    return Annotation.objects.create(**kw)
