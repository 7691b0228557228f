"""GET /branches: the branches of sport (takken van sport) of the POS taxonomy."""

from ninja import Router

from kapstok.network.models import SportBranch

from .schemas import BranchOut

router = Router(tags=["Takken van sport"])


@router.get(
    "",
    response=list[BranchOut],
    operation_id="branch_list",
    summary="Takken van sport",
    description=(
        "Alle takken van sport waarin Kapstok leden telt, in de vaste volgorde van de "
        "taxonomie. De codes zijn dezelfde als in `members_by_branch` bij een kantoor."
    ),
)
def branch_list(request):
    return [
        {
            "slug": branch.slug,
            "name": branch.name,
            "group": branch.group,
            "group_label": str(branch.get_group_display()),
        }
        for branch in SportBranch.objects.order_by("sort_order", "name")
    ]
