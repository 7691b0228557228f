"""Template filters for user-written text; see `kapstok.core.rich_text`."""

from django import template

from kapstok.core.rich_text import rich_text as _rich_text

register = template.Library()


@register.filter(is_safe=True)
def rich_text(text):
    """Paragraphs (a blank line starts a new one), line breaks and links, sanitised."""
    return _rich_text(text)


@register.filter(is_safe=True)
def rich_text_inline(text):
    """Line breaks and links only, for text inside a <p>, <dd> or <li>."""
    return _rich_text(text, inline=True)
