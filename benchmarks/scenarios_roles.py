"""The roles group: the pages issue #19 lists that people other than POS staff live on.

The member's start page (as a member of the largest office), the lead's start page (as the
lead of the office with the most goals), the municipality portal (as a civil servant of the
most populous municipality with an office), the session board with 300 cards (the facilitator's
page in the cluster phase, as POS staff, who may facilitate every office's sessions) and the
research overview (as a researcher). Everyday pages must stay within 15× the login page's p95,
the research overview, which summarises the whole network, within 30× (declared on the
scenarios; `scenarios.page_targets`). The accounts come from `benchmarks.personas`, the board
from the scale data set (`scale_kapstok.board_generate`).
"""

from django.urls import reverse

from . import scale
from .measure import Measurement
from .scenarios import (
    EVERYDAY_MAX_RATIO,
    NETWORK_WIDE_MAX_RATIO,
    BenchWorld,
    Group,
    Scenario,
    TargetResult,
    register,
)

# A path that answers 404, for a world without the object: listed as "not available".
MISSING = "/bench-ontbreekt/"


def _portal(world: BenchWorld) -> str:
    if not world.municipality:
        return MISSING
    return reverse("municipality:portal", args=[world.municipality])


def _board(world: BenchWorld) -> str:
    if not world.board_session:
        return MISSING
    return reverse("strategy:session_detail", args=[world.board_office, world.board_session])


def board_target(m: Measurement | None, world: BenchWorld) -> TargetResult:
    """The board was measured with the cards the issue asks for, not with an older data set."""
    expected = scale.NATIONAL.board_cards
    name = f"Session board measured with {expected} cards"
    if m is None or not m.available:
        return TargetResult(name, None, "not measured")
    detail = f"{world.board_cards} cards in session {world.board_session} of {world.board_office}"
    return TargetResult(name, world.board_cards >= expected, detail)


def roles_targets(m: dict[str, Measurement], world: BenchWorld) -> list[TargetResult]:
    return [board_target(m.get("board"), world)]


register(
    Group(
        key="roles",
        title="Roles: start pages, municipality portal, session board, research overview",
        scenarios=(
            Scenario(
                "start_member",
                "Member's start page (largest office)",
                lambda w: reverse("home:start"),
                "member",
                EVERYDAY_MAX_RATIO,
            ),
            Scenario(
                "start_lead",
                "Lead's start page (office with most goals)",
                lambda w: reverse("home:start"),
                "lead",
                EVERYDAY_MAX_RATIO,
            ),
            Scenario(
                "portal",
                "Municipality portal (most populous municipality)",
                _portal,
                "civil_servant",
                EVERYDAY_MAX_RATIO,
            ),
            Scenario(
                "board",
                "Session board, 300 cards (cluster phase)",
                _board,
                "pos",
                EVERYDAY_MAX_RATIO,
            ),
            Scenario(
                "research",
                "Research overview",
                lambda w: reverse("home:research_home"),
                "researcher",
                NETWORK_WIDE_MAX_RATIO,
            ),
        ),
        targets=roles_targets,
    )
)
