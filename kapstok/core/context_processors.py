"""Template context every page needs: the demo notice and the viewer's roles for navigation."""

from django.conf import settings

from kapstok.accounts.access import viewer_for

DATA_ATTRIBUTION = "Bron: CBS / PDOK, CC BY 4.0"


def site(request):
    return {
        "demo_mode": settings.DEMO_MODE,
        "viewer": viewer_for(request.user),
        "data_attribution": DATA_ATTRIBUTION,
    }
