"""Login with email and password; logout and password reset are Django's own views."""

from django.contrib.auth import views as auth_views

from .forms import EmailAuthenticationForm


def login_view(request):
    return auth_views.LoginView.as_view(
        template_name="accounts/login.html",
        authentication_form=EmailAuthenticationForm,
        redirect_authenticated_user=True,
    )(request)
