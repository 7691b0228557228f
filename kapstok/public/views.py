"""The public site: pages anybody may read without an account. Only public fields appear."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from kapstok.accounts.access import MemberDetail
from kapstok.network import selectors
from kapstok.network.models import Municipality, Office, OfficeStatus

MEMBERS_PER_PAGE = 50


def public_offices():
    return (
        Office.objects.exclude(status=OfficeStatus.DISSOLVED)
        .with_member_count()
        .prefetch_related(
            Prefetch("municipalities", queryset=Municipality.objects.order_by("name"))
        )
        .order_by("name")
    )


def home(request):
    return render(request, "public/home.html", {"offices": public_offices()})


def office(request, slug):
    office = get_object_or_404(public_offices(), slug=slug)
    context = {
        "office": office,
        "branch_counts": selectors.branch_counts(office),
        "listed_members": Paginator(
            selectors.members_for(office, MemberDetail.PUBLIC), MEMBERS_PER_PAGE
        ).get_page(request.GET.get("pagina")),
    }
    return render(request, "public/office.html", context)
