"""Template context every page needs: the demo notice, the viewer and the main menu."""

from django.conf import settings

from kapstok.accounts.access import viewer_for
from kapstok.network.reference_data import DATA_ATTRIBUTION

from .navigation import main_navigation


def site(request):
    viewer = viewer_for(request.user)
    return {
        "demo_mode": settings.DEMO_MODE,
        "viewer": viewer,
        # A callable: templates call it when they use it, so partials pay nothing for it.
        "main_navigation": lambda: main_navigation(viewer),
        "data_attribution": DATA_ATTRIBUTION,
    }
