"""Note bodies: Markdown (no raw HTML) with line breaks and bare links, then sanitised.

markdown-it-py renders with `html` off, so tags typed in a note come out as text; nh3
then keeps only an allow-list of tags and attributes and the http, https and mailto
link schemes, so `<script>`, `onerror=` and `javascript:` links end up inert.
"""

import nh3
from markdown_it import MarkdownIt

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": True, "breaks": True}).enable(
    ["linkify", "strikethrough"]
)

ALLOWED_TAGS = {
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
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render_note(text: str) -> str:
    """Safe HTML for a note body."""
    html = _markdown.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
