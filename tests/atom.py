"""A checker of the rules RFC 4287 sets for an Atom feed, for the feed tests.

It lists what breaks the specification's MUSTs: the namespace; one id, title and updated
in the feed and in each entry; dates in RFC 3339 form; absolute IRIs for ids and a link
href on every link; an author in the feed or in every entry; at most one alternate link
per type and language; entry ids unique; text constructs of a known type; a summary
where the content is not inline.
"""

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE
)
TEXT_TYPES = {None, "text", "html", "xhtml"}


def _absolute_iri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme) and (bool(parts.netloc) or parts.scheme in {"tag", "urn"})


def _check_common(element, where: str, errors: list[str]) -> None:
    for name in ("id", "title", "updated"):
        found = element.findall(ATOM + name)
        if len(found) != 1:
            errors.append(f"{where}: {len(found)} atom:{name}, exactly one needed")
    for identifier in element.findall(ATOM + "id"):
        if not _absolute_iri((identifier.text or "").strip()):
            errors.append(f"{where}: id {identifier.text!r} is not an absolute IRI")
    for updated in element.findall(ATOM + "updated") + element.findall(ATOM + "published"):
        if not RFC3339.match((updated.text or "").strip()):
            errors.append(f"{where}: date {updated.text!r} is not RFC 3339")
    for name in ("title", "subtitle", "summary", "rights"):
        for text in element.findall(ATOM + name):
            if text.get("type") not in TEXT_TYPES:
                errors.append(f"{where}: atom:{name} of unknown type {text.get('type')!r}")
    alternates = set()
    for link in element.findall(ATOM + "link"):
        if not link.get("href"):
            errors.append(f"{where}: a link without href")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in alternates:
                errors.append(f"{where}: two alternate links of the same type and language")
            alternates.add(key)
    for author in element.findall(ATOM + "author"):
        if len(author.findall(ATOM + "name")) != 1:
            errors.append(f"{where}: an author without exactly one name")


def atom_errors(data: bytes) -> list[str]:
    """What makes `data` an invalid Atom feed; empty when it is valid."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as error:
        return [f"not well-formed XML: {error}"]
    if root.tag != ATOM + "feed":
        return [f"the root is {root.tag}, not atom:feed"]
    errors: list[str] = []
    _check_common(root, "feed", errors)
    feed_author = bool(root.findall(ATOM + "author"))
    ids = set()
    for index, entry in enumerate(root.findall(ATOM + "entry"), 1):
        where = f"entry {index}"
        _check_common(entry, where, errors)
        if not feed_author and not entry.findall(ATOM + "author"):
            errors.append(f"{where}: no author, and the feed has none")
        content = entry.find(ATOM + "content")
        has_link = any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(ATOM + "link")
        )
        if content is None and not has_link:
            errors.append(f"{where}: neither content nor an alternate link")
        if content is not None and content.get("src") and entry.find(ATOM + "summary") is None:
            errors.append(f"{where}: content out of line without a summary")
        identifier = (entry.findtext(ATOM + "id") or "").strip()
        if identifier in ids:
            errors.append(f"{where}: id {identifier!r} used twice")
        ids.add(identifier)
    return errors
