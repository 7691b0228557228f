"""`{% site_url %}`: the public address (SITE_URL) in templates, for links in e-mails."""

from django import template

from kapstok.core.links import site_url as _site_url

register = template.Library()


@register.simple_tag
def site_url() -> str:
    return _site_url()
