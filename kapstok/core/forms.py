"""What every form page shares: showing a service's Dutch errors at the right fields."""

from django.core.exceptions import ValidationError


def apply_errors(form, error: ValidationError) -> None:
    """Attach a service's ValidationError to the form: per field where it names one, else on top.

    Services raise errors keyed by model field; a key the form does not have (because the form
    shows a subset) becomes a form-wide error instead of disappearing.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request):
    """The form data of a POST, else None: for `Form(posted(request), ...)`.

    `request.POST or None` leaves a form unbound when a POST arrives empty (every field left
    out, a checkbox-only form unticked), so the page comes back without a word of error; a POST
    always binds here, so its errors show.
    """
    return request.POST if request.method == "POST" else None
