"""The exchange board of one office: list, post, detail with suggestions and replies, solve."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access

from . import exchange, page_parts, rules
from .forms import ExchangePostForm, ExchangeReplyForm
from .models import ExchangePost, PostTopic


@login_required
def exchange_board(request, slug):
    viewer = access.viewer_for(request.user)
    office = rules.get_exchange_office_for(viewer, slug)
    posts = office.exchange_posts.select_related("author")
    topic = request.GET.get("over", "")
    if topic in PostTopic.values:
        posts = posts.filter(topic=topic)
    form = ExchangePostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post = exchange.post_create(office=office, author=request.user, **form.cleaned_data)
        messages.success(request, _("Uw bericht staat op het bord."))
        return redirect(post)
    context = {
        "office": office,
        "posts": posts,
        "form": form,
        "topics": PostTopic.choices,
        "topic": topic,
    }
    return render(request, "peers/exchange_board.html", context)


@login_required
def exchange_detail(request, slug, pk):
    """A post with its replies: for the office's own people, and for the people of the other
    offices in its province when the author marked it regional (they reply here too, so
    contact runs through the board and no email address is shown)."""
    viewer = access.viewer_for(request.user)
    post = rules.get_exchange_post_for(viewer, slug, pk)
    office = post.office
    own_office = rules.can_use_exchange(viewer, office)
    form = ExchangeReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        exchange.post_reply(post=post, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Uw reactie is geplaatst."))
        return redirect(post)
    matches = ExchangePost.objects.matches_for(post).select_related("author", "office")
    if not own_office:
        matches = matches.none()
    context = {
        "office": office,
        "post": post,
        "own_office": own_office,
        "replies": post.replies.select_related("author"),
        "matches": matches[:5],
        "form": form,
        "can_solve": post.solved_at is None and rules.can_solve_post(viewer, post),
        "page_parts": page_parts.parts_for("post", post, viewer),
    }
    return render(request, "peers/exchange_detail.html", context)


@login_required
@require_POST
def exchange_solve(request, slug, pk):
    viewer = access.viewer_for(request.user)
    office = rules.get_exchange_office_for(viewer, slug)
    post = get_object_or_404(ExchangePost, pk=pk, office=office)
    access.require(rules.can_solve_post(viewer, post))
    exchange.post_solve(post=post)
    messages.success(request, _("Gemarkeerd als opgelost. Fijn dat het gelukt is!"))
    return redirect(post)


@login_required
def regional_board(request):
    """The posts that offices in the viewer's provinces opened to the region."""
    viewer = access.viewer_for(request.user)
    access.require(rules.can_use_regional_board(viewer))
    posts = rules.regional_posts_visible_to(viewer).select_related("author", "office")
    topic = request.GET.get("over", "")
    if topic in PostTopic.values:
        posts = posts.filter(topic=topic)
    own_offices = rules.offices_of_people(viewer)
    context = {
        "posts": posts,
        "topics": PostTopic.choices,
        "topic": topic,
        "provinces": sorted(rules.provinces_of(own_offices)),
        "own_offices": own_offices,
    }
    return render(request, "peers/regional_board.html", context)
