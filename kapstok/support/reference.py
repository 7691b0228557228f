"""The support desk's categories with their default service levels (working days).

The data migration `0002_seed_categories` puts these in every new database (it reads them
from here, as `strategy`'s migration reads the theme catalogue from `analysis`); POS changes the
targets in the admin afterwards. `categories_ensure` adds missing ones again, for a database
that was emptied (the demo seed, a test server).
"""

# (name, first response within, resolved within) in working days.
CATEGORIES = (
    ("strategische sessie", 2, 15),
    ("rechtsvorm", 2, 10),
    ("samenwerking met de gemeente", 2, 10),
    ("financiën en lidmaatschappen", 2, 10),
    ("marketing en communicatie", 3, 15),
    ("juridische vragen", 2, 10),
    ("accommodatie", 3, 15),
    ("subsidies", 2, 10),
    ("anders", 3, 15),
)


def categories_ensure() -> int:
    """Add the missing categories (POS's changes to existing ones are kept); how many added."""
    from .models import Category

    added = 0
    for position, (name, response, resolution) in enumerate(CATEGORIES):
        _category, created = Category.objects.get_or_create(
            name=name,
            defaults={
                "first_response_days": response,
                "resolution_days": resolution,
                "position": position,
            },
        )
        added += created
    return added
