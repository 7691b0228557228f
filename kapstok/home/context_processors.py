"""Template context every page needs: the demo notice and the viewer's roles for navigation."""

from django.conf import settings

from kapstok.accounts.access import viewer_for
from kapstok.network.reference_data import DATA_ATTRIBUTION


def site(request):
    return {
        "demo_mode": settings.DEMO_MODE,
        "viewer": viewer_for(request.user),
        "data_attribution": DATA_ATTRIBUTION,
    }
