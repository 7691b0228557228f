"""What founding adds to network's office page (registered in `FoundingConfig.ready()`)."""

from . import selectors


def office_page_part(office) -> dict:
    """An office in founding shows how far its founding is instead of its phase."""
    return {"founding_checklist": selectors.checklist_of(office) if office.is_founding else None}
