"""Plain factory functions for tests: keyword arguments override the defaults."""

from datetime import date

from summits.models import Document, Paragraph, Summit
from summits.recognition import fingerprint
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
    kw.setdefault("fingerprint", fingerprint(kw["text"]))
    return Paragraph.objects.create(**kw)


def set_aside(slug: str) -> None:
    """Make a loaded document unrecognisable (its checksum and its paragraphs'
    fingerprints cleared), so that a test can load the same text as a new one."""
    Document.objects.filter(slug=slug).update(sha256="0" * 64)
    Paragraph.objects.filter(document__slug=slug).update(fingerprint="")


def make_user(role=None, **kw):
    """A user in the group `role` ("Analysts", "Editors", "Admins"), or in none."""
    from django.contrib.auth.models import Group, User

    kw.setdefault("username", f"{(role or 'nobody').lower()}-{User.objects.count() + 1}")
    kw.setdefault("is_staff", role == "Admins")
    kw.setdefault("password", "correct horse battery")
    user = User.objects.create_user(**kw)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_admin(**kw):
    """A member of the Admins group (who may load communiqués)."""
    kw.setdefault("username", "admin")
    return make_user("Admins", **kw)


def make_annotation(**kw):
    from reader.models import Annotation
    from reader.services import create_annotation

    paragraph = kw.pop("paragraph", None) or make_paragraph()
    quote = kw.pop("quote", paragraph.text.split()[0])
    start = paragraph.text.index(quote)
    kw.setdefault("author", make_user("Editors"))
    kw.setdefault("body", "Une note.")
    annotation = create_annotation(paragraph=paragraph, start=start, end=start + len(quote), **kw)
    return Annotation.objects.get(pk=annotation.pk)


def make_commitment(**kw):
    """A commitment quoting ``quote`` in ``paragraph`` (by default a new paragraph whose
    text is the quote); confirmed, binding each ally, unless told otherwise."""
    from commitments.models import Category, Commitment

    quote = kw.pop("quote", None)
    paragraph = kw.pop("paragraph", None) or make_paragraph(**({"text": quote} if quote else {}))
    quote = quote or paragraph.text
    start = paragraph.text.index(quote)
    kw.setdefault("slug", f"test-commitment-{Commitment.objects.count() + 1}")
    kw.setdefault("title", quote[:80])
    kw.setdefault("summit", paragraph.document.summit)
    kw.setdefault("category", Category.OTHER)
    kw.setdefault("bound", Commitment.Bound.EACH_ALLY)
    kw.setdefault("review", Commitment.Review.CONFIRMED)
    return Commitment.objects.create(
        paragraph=paragraph, quote=quote, quote_start=start, quote_end=start + len(quote), **kw
    )
