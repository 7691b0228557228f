"""The office's page "Voor de buurt" (activities and stories), the forms to keep it, and the
photo of a story. Every view loads its object through `rules`; the rules of writing live in
`services`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from kapstok.accounts import access
from kapstok.core.forms import apply_errors, posted
from kapstok.network.rules import get_office_for

from . import rules, selectors, services
from .forms import ActivityForm, StoryForm
from .models import CommunityActivity, CommunityStory

ACTIVITIES_PER_PAGE = 25


@login_required
def office_community(request, slug):
    viewer = access.viewer_for(request.user)
    office = get_office_for(viewer, slug, rules.can_view_community)
    activities = Paginator(selectors.activities_of(office), ACTIVITIES_PER_PAGE)
    context = {
        "office": office,
        "can_manage": rules.can_manage_community(viewer, office),
        "social_value": selectors.social_value([office.pk])[office.pk],
        "activities": activities.get_page(request.GET.get("pagina")),
        "stories": rules.stories_visible_to(viewer, office).select_related("office"),
    }
    return render(request, "community/office.html", context)


def _managed_office(request, slug):
    return get_office_for(access.viewer_for(request.user), slug, rules.can_manage_community)


def _form_page(request, office, form, title, **extra):
    context = {"office": office, "form": form, "title": title, **extra}
    return render(request, "community/form.html", context, status=400 if form.errors else 200)


@login_required
def activity_add(request, slug):
    office = _managed_office(request, slug)
    return _activity_form(
        request, office, CommunityActivity(office=office), _("Activiteit vastleggen")
    )


@login_required
def activity_edit(request, slug, pk):
    activity = rules.get_activity_for(access.viewer_for(request.user), slug, pk)
    return _activity_form(request, activity.office, activity, _("Activiteit bewerken"))


def _activity_form(request, office, activity, title):
    form = ActivityForm(posted(request), instance=activity)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(activity=form.save(commit=False), actor=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("De activiteit is vastgelegd."))
            return redirect("community:office", slug=office.slug)
    return _form_page(request, office, form, title, activity=activity)


@login_required
@require_POST
def activity_delete(request, slug, pk):
    """Sent twice (a second tab, the back button), the second finds it gone and says so."""
    office = _managed_office(request, slug)
    activity = office.community_activities.filter(pk=pk).first()
    if activity is None:
        messages.info(request, _("Deze activiteit was al verwijderd."))
    else:
        services.activity_delete(activity=activity)
        messages.success(request, _("De activiteit is verwijderd."))
    return redirect("community:office", slug=slug)


@login_required
def story_add(request, slug):
    office = _managed_office(request, slug)
    return _story_form(request, office, CommunityStory(office=office), _("Verhaal met foto"))


@login_required
def story_edit(request, slug, pk):
    story = rules.get_story_for(access.viewer_for(request.user), slug, pk)
    return _story_form(request, story.office, story, _("Verhaal bewerken"))


def _story_form(request, office, story, title):
    form = StoryForm(posted(request), request.FILES or None, instance=story)
    if request.method == "POST" and form.is_valid():
        try:
            services.story_save(
                story=form.save(commit=False), upload=form.cleaned_data["photo"], actor=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het verhaal is opgeslagen."))
            return redirect("community:office", slug=office.slug)
    return _form_page(request, office, form, title, story=story, multipart=True)


@login_required
@require_POST
def story_publish(request, slug, pk):
    story = rules.get_story_for(access.viewer_for(request.user), slug, pk)
    published = request.POST.get("published") == "1"
    services.story_publish(story=story, published=published)
    if published:
        messages.success(request, _("Het verhaal staat nu op de openbare pagina."))
    else:
        messages.success(request, _("Het verhaal staat niet meer op de openbare pagina."))
    return redirect("community:office", slug=slug)


@login_required
@require_POST
def story_delete(request, slug, pk):
    """Sent twice, the second finds the story gone and says so."""
    office = _managed_office(request, slug)
    story = office.community_stories.filter(pk=pk).first()
    if story is None:
        messages.info(request, _("Dit verhaal was al verwijderd."))
    else:
        services.story_delete(story=story)
        messages.success(request, _("Het verhaal en de foto zijn verwijderd."))
    return redirect("community:office", slug=slug)


@require_safe
def story_photo(request, slug, pk):
    """The re-encoded JPEG: public once the story is published, else for its editors only.

    Served by Django rather than from a media directory, so the same rule decides as on the
    pages, there is no directory listing and the type is always image/jpeg.
    """
    story = get_object_or_404(
        CommunityStory.objects.select_related("office"), pk=pk, office__slug=slug
    )
    rules.require_photo_access(access.viewer_for(request.user), story)
    try:
        handle = story.photo.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404 from missing
    response = FileResponse(handle, content_type="image/jpeg")
    response["Content-Disposition"] = "inline"
    # A draft is never kept by a shared cache; a published photo may be, briefly (unpublishing
    # should take effect soon; the address changes when the photo does).
    response["Cache-Control"] = "public, max-age=3600" if story.published else "private, no-store"
    return response
