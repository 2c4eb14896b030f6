import re
from html.parser import HTMLParser

import pytest

from reader.markup import render_note
from summits.models import Paragraph
from tests.factories import make_annotation

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "![img](javascript:alert(1))",
    '![img](x" onerror="alert(1))',
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[vb](vbscript:msgbox(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<<script>script>alert(1)<</script>/script>",
    '"><script>alert(1)</script>',
    "<a href='https://ok.example' onclick='alert(1)'>x</a>",
    "<form action=https://evil.example><input type=submit></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
]

REL = 'rel="nofollow noopener noreferrer"'
SAFE_TAGS = {
    "p",
    "br",
    "a",
    "em",
    "strong",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "s",
    "del",
}


class ElementCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def dangers(html: str, allowed_tags=SAFE_TAGS) -> list:
    """Live elements or attributes that could run script (escaped text is harmless)."""
    collector = ElementCollector()
    collector.feed(html)
    found = []
    for tag, attrs in collector.elements:
        if tag not in allowed_tags:
            found.append(tag)
        for name, value in attrs.items():
            if name.startswith("on") or name in {"style", "src", "srcdoc", "formaction"}:
                found.append(f"{tag}[{name}]")
            if name == "href" and not re.match(r"(https?:|mailto:|/|#)", (value or "").strip()):
                found.append(f"{tag}[href={value}]")
    return found


def test_the_checker_catches_live_markup():
    assert sorted(dangers('<img src=x onerror="alert(1)">')) == ["img", "img[onerror]", "img[src]"]
    assert dangers('<a href="javascript:alert(1)">x</a>') == ["a[href=javascript:alert(1)]"]
    assert dangers("<p>&lt;script&gt;</p>") == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_note_bodies_render_payloads_inert(payload):
    html = render_note(payload)
    assert dangers(html) == [], html


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Voir https://www.nato.int/cps/fr/natohq/official_texts_217320.htm",
         f'<a href="https://www.nato.int/cps/fr/natohq/official_texts_217320.htm" {REL}>'),
        ("[le communiqué](https://www.nato.int/)",
         f'<a href="https://www.nato.int/" {REL}>le communiqué</a>'),
        ("ligne un\nligne deux", "ligne un<br>\nligne deux"),
        ("**chiffre** et *échéance*", "<strong>chiffre</strong> et <em>échéance</em>"),
        ("écrire à <mailto:veille@example.org>", '<a href="mailto:veille@example.org"'),
    ],
)  # fmt: skip
def test_note_bodies_keep_line_breaks_links_and_emphasis(body, expected):
    assert expected in render_note(body)


@pytest.mark.django_db
def test_the_reader_shows_hostile_notes_and_tags_inert(client):
    paragraph = Paragraph.objects.get(document__slug="vilnius-2023-communique", label="27")
    for payload in PAYLOADS:
        make_annotation(paragraph=paragraph, quote="investir", body=payload, tags=[payload[:40]])
    html = client.get(paragraph.document.get_absolute_url() + "?notes=all").content.decode()
    notes = html[
        html.index('<ul class="notes"') : html.index("</ul>", html.index('<ul class="notes"'))
    ]
    assert notes.count('class="note-card') == len(PAYLOADS)
    reader_tags = SAFE_TAGS | {"ul", "li", "q", "div", "span"}
    assert dangers(notes, reader_tags) == []
