"""The exchange board of one office: list, post, detail with suggestions and replies, solve."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kapstok.accounts import access

from . import exchange, rules
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
    viewer = access.viewer_for(request.user)
    office = rules.get_exchange_office_for(viewer, slug)
    post = get_object_or_404(ExchangePost.objects.select_related("author"), pk=pk, office=office)
    form = ExchangeReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        exchange.post_reply(post=post, author=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("Uw reactie is geplaatst."))
        return redirect(post)
    context = {
        "office": office,
        "post": post,
        "replies": post.replies.select_related("author"),
        "matches": ExchangePost.objects.matches_for(post).select_related("author")[:5],
        "form": form,
        "can_solve": post.solved_at is None and rules.can_solve_post(viewer, post),
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
