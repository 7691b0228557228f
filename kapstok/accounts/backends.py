"""Authentication backends: the login lockout (django-axes) in front of Django's own."""

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """Axes' lockout check for logins through a web request.

    Axes refuses `authenticate()` without a request; a call without one comes from a command,
    the shell or a test, not from someone guessing passwords on the site, so it is let through
    to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
