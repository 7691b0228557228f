"""`{% may %}`: a template asks the access rules before it shows a link.

    {% load access_tags %}
    {% may "peers.use_exchange" office as may_exchange %}
    {% if may_exchange %}<a href="{% url 'peers:exchange' office.slug %}">…</a>{% endif %}

The rule is named without its `can_` prefix: `view_office` is `access.can_view_office`,
`peers.use_exchange` is `kapstok.peers.rules.can_use_exchange` (the rules of an app's own
objects live beside them). It is asked about the page's viewer and the objects given: a link is
shown only where the page it leads to would open, decided by the same function as that page.
Templates never test roles (`accounts/tests/test_role_fields.py`). The library lives in the top
app because it reaches every app's rules.
"""

from django import template

from kapstok.accounts import access
from kapstok.agreements import rules as agreements_rules
from kapstok.coding import rules as coding_rules
from kapstok.community import rules as community_rules
from kapstok.influence import rules as influence_rules
from kapstok.messaging import rules as messaging_rules
from kapstok.municall import rules as municall_rules
from kapstok.municipality import rules as municipality_rules
from kapstok.network import rules as network_rules
from kapstok.peers import rules as peers_rules
from kapstok.progress import rules as progress_rules
from kapstok.public import rules as public_rules
from kapstok.representation import rules as representation_rules
from kapstok.strategy import rules as strategy_rules
from kapstok.support import rules as support_rules

register = template.Library()

RULES = {
    "": access,
    "agreements": agreements_rules,
    "coding": coding_rules,
    "community": community_rules,
    "influence": influence_rules,
    "messaging": messaging_rules,
    "municall": municall_rules,
    "municipality": municipality_rules,
    "network": network_rules,
    "peers": peers_rules,
    "progress": progress_rules,
    "public": public_rules,
    "representation": representation_rules,
    "strategy": strategy_rules,
    "support": support_rules,
}


def rule_for(name: str):
    """`can_<rule>` of `access` or of `<app>.rules`; an unknown name is a programming error."""
    app, _dot, rule = name.rpartition(".")
    predicate = getattr(RULES.get(app), f"can_{rule}", None)
    if not callable(predicate):
        raise template.TemplateSyntaxError(f"no access rule {name!r} (can_{rule})")
    return predicate


@register.simple_tag(takes_context=True)
def may(context, name: str, *objects) -> bool:
    viewer = context.get("viewer")
    if viewer is None:
        viewer = access.viewer_for(context["request"].user)
    return bool(rule_for(name)(viewer, *objects))
