"""The support desk's knowledge articles: POS staff keep them, handlers link them to requests,
and the office reads a linked article here (its text always escaped, never as HTML)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from kapstok.accounts import access
from kapstok.core.forms import apply_errors

from . import rules, services
from .forms import KnowledgeArticleForm
from .models import KnowledgeArticle


def _manager(request):
    viewer = access.viewer_for(request.user)
    access.require(rules.can_manage_knowledge(viewer))
    return viewer


@login_required
def article_list(request):
    _manager(request)
    articles = KnowledgeArticle.objects.select_related("category")
    return render(request, "support/article_list.html", {"articles": articles})


def _article_form_page(request, article: KnowledgeArticle):
    form = KnowledgeArticleForm(request.POST or None, instance=article)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.knowledge_article_save(
                article=form.save(commit=False), actor=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Het kennisartikel is opgeslagen."))
            return redirect(saved)
    return render(request, "support/article_form.html", {"form": form, "article": article})


@login_required
def article_create(request):
    _manager(request)
    return _article_form_page(request, KnowledgeArticle())


@login_required
def article_edit(request, pk):
    _manager(request)
    return _article_form_page(request, get_object_or_404(KnowledgeArticle, pk=pk))


@login_required
def article_detail(request, pk):
    viewer = access.viewer_for(request.user)
    article = get_object_or_404(
        rules.knowledge_articles_visible_to(viewer).select_related("category"), pk=pk
    )
    context = {"article": article, "can_manage": rules.can_manage_knowledge(viewer)}
    return render(request, "support/article_detail.html", context)
