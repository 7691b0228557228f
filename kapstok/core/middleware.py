"""Site-wide middleware: Dutch first, and the content generation that keeps caches honest."""

from django.conf import settings
from django.utils import translation

from .generation import generation_bump, generation_memo


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


class ContentGenerationMiddleware:
    """After a successful write request (POST, PUT, PATCH, DELETE), bump the content generation.

    Only answers below 400 count: a refused form or a throttled bot changed nothing, and must
    not be a way to empty the caches on every request. A reading request reads the generation
    at most once (`generation_memo`), for all the cached parts of its page.
    """

    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.SAFE_METHODS:
            # A reading request reads the generation once for all its cached parts.
            with generation_memo():
                return self.get_response(request)
        response = self.get_response(request)
        if response.status_code < 400:
            generation_bump()
        return response
