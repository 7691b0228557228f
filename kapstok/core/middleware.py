"""Dutch first: the interface is Dutch unless the person chose another language."""

from django.conf import settings
from django.utils import translation


class DutchFirstLocaleMiddleware:
    """Use the language chosen with the language switch (cookie), else Dutch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, which shows English
    to most Dutch civil servants on an English Windows; the platform is Dutch first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
