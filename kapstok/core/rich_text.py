"""User-written text as HTML: the one way it reaches a page.

People type plain text (office descriptions, support requests, practices, meeting minutes);
the page shows it with paragraphs, line breaks and clickable web addresses. `rich_text`
escapes the text first (so typed HTML shows as text), builds the paragraphs and links with
Django's own filters, and then passes the result through `sanitise_html` (nh3, the Ammonia
sanitiser) with a small allow-list. The sanitiser is the second line of defence: if a change
ever lets markup through the first step, scripts, event handlers and `javascript:` links
still do not reach the browser.

Templates use the filters in `kapstok.core.templatetags.rich_text`:

    {% load rich_text %}{{ request.description|rich_text }}      (paragraphs)
    {{ reply.body|rich_text_inline }}                             (line breaks only)

>>> str(rich_text("Hallo <b>daar</b>\\n\\nhttps://example.nl"))
'<p>Hallo &lt;b&gt;daar&lt;/b&gt;</p>\\n\\n<p><a href="https://example.nl" rel="nofollow noopener noreferrer">https://example.nl</a></p>'
"""

import nh3

from django.template.defaultfilters import linebreaks_filter, linebreaksbr, urlize
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = frozenset({"p", "br", "a", "strong", "em", "ul", "ol", "li"})
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "nofollow noopener noreferrer"


def sanitise_html(html: str) -> SafeString:
    """Keep only the allow-listed tags, `href` on links (http, https, mailto), no comments."""
    cleaned = nh3.clean(
        str(html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above


def rich_text(text: str | None, *, inline: bool = False) -> SafeString:
    """Plain text as safe HTML: escaped, web addresses linked, paragraphs or line breaks."""
    if not text:
        return mark_safe("")
    linked = urlize(str(text), autoescape=True)
    html = linebreaksbr(linked, autoescape=False) if inline else linebreaks_filter(linked, False)
    return sanitise_html(html)
