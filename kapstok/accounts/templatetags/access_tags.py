"""`{% may %}`: a template asks the access layer before it shows a link.

    {% load access_tags %}
    {% may "use_exchange" office as may_exchange %}
    {% if may_exchange %}<a href="{% url 'peers:exchange' office.slug %}">…</a>{% endif %}

The rule is the name of a predicate in `kapstok.accounts.access` without its `can_` prefix,
asked about the page's viewer and the objects given: a link is shown only where the page it
leads to would open, decided by the same function as that page. Templates never test roles.
"""

from django import template

from kapstok.accounts import access

register = template.Library()


def rule_for(name: str):
    """The predicate `access.can_<name>`; an unknown name is a programming error."""
    predicate = getattr(access, f"can_{name}", None)
    if not callable(predicate):
        raise template.TemplateSyntaxError(f"access has no rule can_{name}")
    return predicate


@register.simple_tag(takes_context=True)
def may(context, name: str, *objects) -> bool:
    viewer = context.get("viewer")
    if viewer is None:
        viewer = access.viewer_for(context["request"].user)
    return bool(rule_for(name)(viewer, *objects))
