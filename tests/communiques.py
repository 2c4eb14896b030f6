"""The Vilnius communiqué saved in the ways admins receive texts, and small written texts."""

import functools
import html
import subprocess
import tempfile
import textwrap
import zipfile
from io import BytesIO
from pathlib import Path

from tests.pdf import image_pdf, text_pdf

SOURCES = Path(__file__).resolve().parent.parent / "fixtures" / "sources"
VILNIUS = SOURCES / "2023-07-11-vilnius-communique.txt"


@functools.cache
def vilnius_text() -> str:
    return VILNIUS.read_text(encoding="utf-8")


def vilnius_lines() -> list[str]:
    return [line for line in vilnius_text().splitlines() if line.strip()]


def as_cp1252() -> bytes:
    return vilnius_text().encode("cp1252")


def as_utf8_bom_crlf() -> bytes:
    return b"\xef\xbb\xbf" + vilnius_text().replace("\n", "\r\n").encode("utf-8")


def html_page(body: str, *, title: str = "Sommet de Vilnius") -> str:
    """A news site's page: menus, cookie banner, sidebar, footer and scripts around body."""
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{title} | Le Site</title>
<script>window.dataLayer = []; var tpl = "<p>1. Not a paragraph</p>";</script>
<style>p {{ margin: 0 }} .ad {{ display: none }}</style>
</head><body>
<header><nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/afrique">Afrique</a>
<a href="/sport">Sport</a></nav></header>
<div class="cookie">Nous utilisons des cookies. <button>Accepter</button></div>
<main><article><h1>{html.escape(title)}</h1>
{body}
</article></main>
<aside><h3>Articles populaires</h3><ul><li><a href="/a">Un autre article sur le sport</a></li>
<li><a href="/b">La météo de demain</a></li></ul></aside>
<footer><p>© 2023 Le Site. Tous droits réservés.</p><a href="/mentions">Mentions légales</a>
</footer>
<script src="/app.js"></script><script>document.write("<p>2. Injected</p>")</script>
</body></html>"""


def as_html() -> bytes:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in vilnius_lines())
    return html_page(body).encode("utf-8")


def as_pdf() -> bytes:
    return text_pdf(vilnius_lines())


def scripts_only_html() -> bytes:
    scripts = "\n".join(
        f"<script>var block{n} = {{'text': '1. Nous nous engageons à tout.'}};</script>"
        for n in range(40)
    )
    return (
        f"<!DOCTYPE html><html><head><title>Sommet</title>{scripts}</head>"
        f"<body><nav><a href='/'>Accueil</a></nav>{scripts}<noscript></noscript></body></html>"
    ).encode()


def zip_archive() -> bytes:
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("communique.txt", "1. Nous nous engageons.")
    return buffer.getvalue()


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))
# Bytes 0x81, 0x8D, 0x8F, 0x90 and 0x9D are undefined in Windows-1252, and not UTF-8.
NEITHER_UTF8_NOR_CP1252 = "1. Les Alliés".encode("cp1252") + b"\x81\x8d\x8f\x90\x9d" * 4

ENGLISH = """Summit Declaration

1. We, the Heads of State and Government, met in Testville. We commit to invest at least \
2% of our GDP on defence every year.

2. Allies will provide up to 1.5% for resilience by 2035.

3. We agreed to review the plan in 2029.
"""

GERMAN = """Gipfelerklärung

1. Wir, die Staats- und Regierungschefs der Allianz, sind in Testville zusammengekommen. \
Wir bekräftigen unsere Verpflichtung zur kollektiven Verteidigung, und wir werden die \
Ausgaben für die Verteidigung auf mindestens zwei Prozent erhöhen.

2. Die Allianz ist und bleibt das Fundament unserer Sicherheit, auch in den kommenden Jahren.
"""

PROSE = (
    "Les dirigeants se sont réunis et ont discuté de la sécurité de la zone "
    "euro-atlantique sans adopter de texte numéroté ni de titre."
)


def image_only_pdf() -> bytes:
    return image_pdf()


# --------------------------------------------------------------------------- the forms
# The Vilnius seed as the other forms an admin receives it in, each built from the seed.


def news_site_html(text: str | None = None) -> bytes:
    """The seed as a news site publishes it: its first line the headline, each line a
    paragraph, its bullets a list; around it navigation, share buttons, a cookie banner,
    a sidebar and a footer."""
    lines = (text or vilnius_text()).split("\n")
    title, body, in_list = lines[0], [], False
    for line in lines[1:]:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("•"):
            if not in_list:
                body.append("<ul>")
                in_list = True
            body.append(f"<li>{html.escape(stripped[1:].strip())}</li>")
            continue
        if in_list:
            body.append("</ul>")
            in_list = False
        body.append(f"<p>{html.escape(stripped)}</p>")
    if in_list:
        body.append("</ul>")
    heading = html.escape(title)
    return f"""<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>{heading} | Le Site</title>
<meta property="og:title" content="{heading}">
<style>body {{ font-family: serif; max-width: 46rem; margin: auto }} nav a {{ margin: 0 .5em }}
.cookie {{ border: 1px solid #999; padding: .5em }}</style>
<script>window.dataLayer = []; var tpl = "<p>1. Not a paragraph</p>";</script>
</head><body>
<header><a class="logo" href="/">Le Site</a>
<nav><a href="/">Accueil</a> <a href="/monde">Monde</a> <a href="/afrique">Afrique</a>
<a href="/sport">Sport</a></nav></header>
<div class="cookie">Nous utilisons des cookies pour mesurer l’audience.
<button>Accepter</button> <button>Refuser</button></div>
<main><article><h1>{heading}</h1>
<div class="share"><a href="#">Facebook</a> <a href="#">Twitter</a> <a href="#">WhatsApp</a></div>
{chr(10).join(body)}
</article></main>
<aside><h3>Articles populaires</h3><ol><li><a href="/a">Les résultats du championnat</a></li>
<li><a href="/b">La météo de la semaine</a></li></ol></aside>
<footer><p>© 2023 Le Site. Tous droits réservés.</p><a href="/mentions">Mentions légales</a>
</footer>
<script src="/app.js"></script>
</body></html>""".encode()


def chromium_pdf(page: bytes, chromium: str = "/usr/bin/chromium") -> bytes:
    """The page printed to PDF by headless Chromium, with its running header and footer
    (the date, the page's title, its address and the page number)."""
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "page.html", Path(folder) / "out.pdf"
        source.write_bytes(page)
        subprocess.run(
            [
                chromium,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                f"--print-to-pdf={out}",
                source.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return out.read_bytes()


def wrapped(text: str | None = None, width: int = 80) -> bytes:
    """The seed hard-wrapped at `width` columns, as a mail or a terminal leaves it."""
    lines = []
    for line in (text or vilnius_text()).split("\n"):
        indent = line[: len(line) - len(line.lstrip())]
        lines.extend(
            textwrap.wrap(line, width, initial_indent="", subsequent_indent=indent) or [""]
        )
    return "\n".join(lines).encode("utf-8")
