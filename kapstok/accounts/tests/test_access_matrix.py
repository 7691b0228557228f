"""Who may open which page: the whole matrix of personas × pages, in one place.

Every URL pattern of the project must appear in `PAGES` (or be listed as exempt), so a new page
cannot ship without its row. Expected outcomes: 200 (shown, or a redirect to the persona's own
start page), "login" (anonymous visitors are sent to the login page), 403, 404.
"""

import datetime

import pytest

from django.urls import URLPattern, URLResolver, get_resolver

from kapstok.goals.factories import (
    ActivityFactory,
    GoalFactory,
    ProjectFactory,
    StrategyFactory,
)
from kapstok.progress.models import Signal
from kapstok.strategy.factories import (
    CardFactory,
    ParticipantFactory,
    StrategySessionFactory,
    ThemeFactory,
)

EVERYONE = [
    "anonymous",
    "pos",
    "lead",
    "member",
    "civil_servant",
    "partner",
    "researcher",
    "admin",
    "other_lead",
    "other_member",
    "outsider",
]
SIGNED_IN = [p for p in EVERYONE if p != "anonymous"]


def expect(allowed: list[str], denied: str = "403") -> dict[str, str]:
    """Outcome per persona: 200 for `allowed`, login for anonymous, `denied` for the rest."""
    outcome = {persona: denied for persona in SIGNED_IN}
    outcome.update({persona: "200" for persona in allowed})
    outcome.setdefault("anonymous", "login")
    if "anonymous" in allowed:
        outcome["anonymous"] = "200"
    return outcome


KAPSTOK = "/netwerk/kantoren/kantoor-utrecht/kapstok/"
OFFICE_PEOPLE = ["pos", "admin", "lead", "member", "civil_servant", "partner"]
OFFICE_MANAGERS = ["pos", "admin", "lead"]
NATIONAL = ["pos", "admin"]

# name → (url builder taking the world, outcomes)
PAGES = {
    "public:home": (lambda w: "/", expect(EVERYONE)),
    "public:office": (lambda w: "/kantoren/kantoor-utrecht/", expect(EVERYONE)),
    "core:healthz": (lambda w: "/healthz", expect(EVERYONE)),
    "core:start": (lambda w: "/start/", expect(SIGNED_IN)),
    "core:research_home": (lambda w: "/onderzoek/", expect(["researcher", *NATIONAL])),
    "accounts:login": (lambda w: "/account/inloggen/", expect(EVERYONE)),
    "accounts:password_reset": (lambda w: "/account/wachtwoord-vergeten/", expect(EVERYONE)),
    "network:office_list": (lambda w: "/netwerk/", expect(SIGNED_IN)),
    "network:office_create": (lambda w: "/netwerk/kantoren/nieuw/", expect(NATIONAL)),
    "network:office_detail": (
        lambda w: "/netwerk/kantoren/kantoor-utrecht/",
        expect(OFFICE_PEOPLE),
    ),
    "network:office_edit": (
        lambda w: "/netwerk/kantoren/kantoor-utrecht/bewerken/",
        expect(OFFICE_MANAGERS),
    ),
    "network:membership_add": (
        lambda w: "/netwerk/kantoren/kantoor-utrecht/leden/nieuw/",
        expect(OFFICE_MANAGERS),
    ),
    "network:membership_end": (
        lambda w: f"/netwerk/kantoren/kantoor-utrecht/leden/{w.membership.pk}/beeindigen/",
        expect(OFFICE_MANAGERS),
    ),
    "network:entrepreneur_list": (
        lambda w: "/netwerk/ondernemers/",
        expect([*OFFICE_MANAGERS, "other_lead"]),
    ),
    "network:entrepreneur_create": (
        lambda w: "/netwerk/ondernemers/nieuw/",
        expect([*OFFICE_MANAGERS, "other_lead"]),
    ),
    "network:entrepreneur_detail": (
        lambda w: f"/netwerk/ondernemers/{w.member_entrepreneur.pk}/",
        expect([*OFFICE_MANAGERS, "member"]),
    ),
    "network:entrepreneur_edit": (
        lambda w: f"/netwerk/ondernemers/{w.member_entrepreneur.pk}/bewerken/",
        expect([*OFFICE_MANAGERS, "member"]),
    ),
    "network:municipality_list": (lambda w: "/netwerk/gemeenten/", expect(SIGNED_IN)),
    "progress:office_dashboard": (
        lambda w: "/netwerk/kantoren/kantoor-utrecht/dashboard/",
        expect(OFFICE_PEOPLE),
    ),
    "progress:signal_acknowledge": (
        lambda w: f"/netwerk/kantoren/kantoor-utrecht/signalen/{w.signal.pk}/gezien/",
        expect(OFFICE_MANAGERS),
    ),
    "progress:national_dashboard": (lambda w: "/netwerk/dashboard/", expect(NATIONAL)),
    "progress:national_export": (lambda w: "/netwerk/dashboard/export.xlsx", expect(NATIONAL)),
    "progress:stall_settings": (lambda w: "/netwerk/signalen/instellingen/", expect(["pos"])),
    "goals:overview": (lambda w: f"{KAPSTOK}", expect(OFFICE_PEOPLE)),
    "goals:timeline": (lambda w: f"{KAPSTOK}tijdlijn/", expect(OFFICE_PEOPLE)),
    "goals:goal_detail": (lambda w: f"{KAPSTOK}doelen/{w.goal.pk}/", expect(OFFICE_PEOPLE)),
    "goals:goal_create": (lambda w: f"{KAPSTOK}doelen/nieuw/", expect(OFFICE_MANAGERS)),
    "goals:goal_edit": (
        lambda w: f"{KAPSTOK}doelen/{w.goal.pk}/bewerken/",
        expect(OFFICE_MANAGERS),
    ),
    "goals:strategy_create": (
        lambda w: f"{KAPSTOK}doelen/{w.goal.pk}/strategieen/nieuw/",
        expect(OFFICE_MANAGERS),
    ),
    "goals:measurement_add": (
        lambda w: f"{KAPSTOK}doelen/{w.goal.pk}/metingen/nieuw/",
        expect(OFFICE_MANAGERS),
    ),
    "goals:project_create": (
        lambda w: f"{KAPSTOK}strategieen/{w.strategy.pk}/projecten/nieuw/",
        expect(OFFICE_MANAGERS),
    ),
    "goals:project_edit": (
        lambda w: f"{KAPSTOK}projecten/{w.project.pk}/bewerken/",
        expect(OFFICE_MANAGERS),
    ),
    "goals:project_progress": (
        lambda w: f"{KAPSTOK}projecten/{w.project.pk}/voortgang/",
        expect(OFFICE_MANAGERS),
    ),
    "goals:activity_create": (
        lambda w: f"{KAPSTOK}projecten/{w.project.pk}/activiteiten/nieuw/",
        expect(OFFICE_MANAGERS),
    ),
    "goals:activity_edit": (
        lambda w: f"{KAPSTOK}activiteiten/{w.activity.pk}/bewerken/",
        expect(OFFICE_MANAGERS),
    ),
    "network:municipality_detail": (lambda w: "/netwerk/gemeenten/GM0344/", expect(SIGNED_IN)),
}

# Strategy sessions: facilitators run them, the office's members see them and take part.
SESSIONS = "/netwerk/kantoren/kantoor-utrecht/sessies/"
FACILITATORS = ["pos", "admin", "lead", "partner"]
SESSION_PEOPLE = [*FACILITATORS, "member"]
# Participant pages answer to the participant only (here the member, who wrote a card);
# anyone else, signed in or not, gets 403 rather than the login page: guests need no account.
PARTICIPANT_ONLY = {persona: "403" for persona in EVERYONE} | {"member": "200"}
PAGES.update(
    {
        "strategy:session_list": (lambda w: SESSIONS, expect(SESSION_PEOPLE)),
        "strategy:session_create": (lambda w: f"{SESSIONS}nieuw/", expect(FACILITATORS)),
        "strategy:session_detail": (
            lambda w: f"{SESSIONS}{w.session.pk}/",
            expect(SESSION_PEOPLE),
        ),
        "strategy:session_edit": (
            lambda w: f"{SESSIONS}{w.session.pk}/bewerken/",
            expect(FACILITATORS),
        ),
        "strategy:session_live": (
            lambda w: f"{SESSIONS}{w.session.pk}/live/",
            expect(SESSION_PEOPLE),
        ),
        "strategy:session_projector": (
            lambda w: f"{SESSIONS}{w.session.pk}/projectie/",
            expect(FACILITATORS),
        ),
        "strategy:session_phase": (
            lambda w: f"{SESSIONS}{w.session.pk}/fase/",
            expect(FACILITATORS),
        ),
        "strategy:session_invite": (
            lambda w: f"{SESSIONS}{w.session.pk}/uitnodigen/",
            expect(FACILITATORS),
        ),
        "strategy:themes_propose": (
            lambda w: f"{SESSIONS}{w.session.pk}/indeling/voorstel/",
            expect(FACILITATORS),
        ),
        "strategy:themes_confirm": (
            lambda w: f"{SESSIONS}{w.session.pk}/indeling/bevestigen/",
            expect(FACILITATORS),
        ),
        "strategy:card_move": (
            lambda w: f"{SESSIONS}{w.session.pk}/kaartjes/{w.card.pk}/verplaatsen/",
            expect(FACILITATORS),
        ),
        "strategy:theme_merge": (
            lambda w: f"{SESSIONS}{w.session.pk}/themas/{w.theme.pk}/samenvoegen/",
            expect(FACILITATORS),
        ),
        "strategy:theme_rename": (
            lambda w: f"{SESSIONS}{w.session.pk}/themas/{w.theme.pk}/hernoemen/",
            expect(FACILITATORS),
        ),
        "strategy:theme_split": (
            lambda w: f"{SESSIONS}{w.session.pk}/themas/{w.theme.pk}/splitsen/",
            expect(FACILITATORS),
        ),
        "strategy:goal_from_theme": (
            lambda w: f"{SESSIONS}{w.session.pk}/themas/{w.theme.pk}/doel/",
            expect(FACILITATORS),
        ),
        "strategy:report_pdf": (
            lambda w: f"{SESSIONS}{w.session.pk}/verslag.pdf",
            expect(SESSION_PEOPLE),
        ),
        "strategy:report_docx": (
            lambda w: f"{SESSIONS}{w.session.pk}/verslag.docx",
            expect(SESSION_PEOPLE),
        ),
        "sessions_national:themes": (lambda w: "/netwerk/sessies/themas/", expect(NATIONAL)),
        "participate:join": (lambda w: "/sessie/", expect(EVERYONE)),
        # Everyone reaches the board: members of the office join on the spot, the others
        # are sent to the join page to give a name.
        "participate:board": (lambda w: f"/sessie/{w.session.join_code}/", expect(EVERYONE)),
        "participate:board_live": (
            lambda w: f"/sessie/{w.session.join_code}/live/",
            PARTICIPANT_ONLY,
        ),
        "participate:card_add": (
            lambda w: f"/sessie/{w.session.join_code}/kaartjes/nieuw/",
            PARTICIPANT_ONLY,
        ),
        "participate:card_edit": (
            lambda w: f"/sessie/{w.session.join_code}/kaartjes/{w.card.pk}/bewerken/",
            PARTICIPANT_ONLY,
        ),
        "participate:card_delete": (
            lambda w: f"/sessie/{w.session.join_code}/kaartjes/{w.card.pk}/verwijderen/",
            PARTICIPANT_ONLY,
        ),
        "participate:vote_cast": (
            lambda w: f"/sessie/{w.session.join_code}/stemmen/{w.theme.pk}/",
            PARTICIPANT_ONLY,
        ),
        "participate:vote_remove": (
            lambda w: f"/sessie/{w.session.join_code}/stemmen/{w.theme.pk}/weghalen/",
            PARTICIPANT_ONLY,
        ),
    }
)


def _join_request(world):
    """A confirmed join request for the office, made once per world."""
    from kapstok.public.models import JoinRequest

    if not hasattr(world, "join_request"):
        world.join_request = JoinRequest.objects.create(
            office=world.office,
            full_name="Sanne Sport",
            business_name="Padel Sanne",
            kvk_number="12345678",
            email="sanne@example.invalid",
            privacy_accepted_at=datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC),
            status="confirmed",
        )
    return world.join_request


def _confirm_url(world) -> str:
    from kapstok.public.services import confirmation_token

    return f"/aanmelden/bevestigen/{confirmation_token(_join_request(world))}/"


# The public site: readable by everyone; the lead's pages for the public site like the office's.
PUBLIC_OFFICE = "/kantoren/kantoor-utrecht/"
PAGES.update(
    {
        "public:contact": (lambda w: f"{PUBLIC_OFFICE}contact/", expect(EVERYONE)),
        "public:join": (lambda w: f"{PUBLIC_OFFICE}aanmelden/", expect(EVERYONE)),
        "public:join_sent": (lambda w: f"{PUBLIC_OFFICE}aanmelden/verstuurd/", expect(EVERYONE)),
        # The link from the confirmation mail works for whoever holds it: no account needed.
        "public:join_confirm": (_confirm_url, expect(EVERYONE)),
        "public:privacy": (lambda w: "/privacy/", expect(EVERYONE)),
        "public:embed_map": (lambda w: "/embed/kaart/", expect(EVERYONE)),
        "public:robots": (lambda w: "/robots.txt", expect(EVERYONE)),
        "public:sitemap": (lambda w: "/sitemap.xml", expect(EVERYONE)),
        "public:page_edit": (
            lambda w: "/netwerk/kantoren/kantoor-utrecht/openbare-pagina/",
            expect(OFFICE_MANAGERS),
        ),
        "public:join_requests": (
            lambda w: "/netwerk/kantoren/kantoor-utrecht/aanmeldingen/",
            expect(OFFICE_MANAGERS),
        ),
        "public:join_request_detail": (
            lambda w: f"/netwerk/kantoren/kantoor-utrecht/aanmeldingen/{_join_request(w).pk}/",
            expect(OFFICE_MANAGERS),
        ),
    }
)


def _practice(world):
    """An internal, published practice of the office, made once per world."""
    from kapstok.peers.models import Practice

    if not hasattr(world, "practice"):
        world.practice = Practice.objects.create(
            office=world.office, title="Bord langs de weg", what="Een bord.", status="published"
        )
    return world.practice


# Peers and the practice library. Internal practices stay inside the network: the municipality,
# researchers and outsiders do not find them (404), fellow offices do.
INSIDERS = [*OFFICE_MANAGERS, "member", "partner", "other_lead", "other_member"]
HIDDEN = {"civil_servant": "404", "researcher": "404", "outsider": "404"}
PRACTICES = "/netwerk/praktijkvoorbeelden/"
PAGES.update(
    {
        "peers:office_peers": (
            lambda w: "/netwerk/kantoren/kantoor-utrecht/collega-kantoren/",
            expect(OFFICE_PEOPLE),
        ),
        "peers:weights": (lambda w: "/netwerk/collega-kantoren/gewichten/", expect(NATIONAL)),
        "peers:practice_list": (lambda w: PRACTICES, expect(SIGNED_IN)),
        "peers:practice_detail": (
            lambda w: f"{PRACTICES}{_practice(w).pk}/",
            expect(INSIDERS, denied="404"),
        ),
        "peers:practice_edit": (
            lambda w: f"{PRACTICES}{_practice(w).pk}/bewerken/",
            expect(OFFICE_MANAGERS) | HIDDEN,
        ),
        # Leads (and POS) may say "we tried this too"; the lead of the practice's own office is
        # sent back with a message, which the matrix counts as reaching the page.
        "peers:practice_trial": (
            lambda w: f"{PRACTICES}{_practice(w).pk}/ook-geprobeerd/",
            expect([*OFFICE_MANAGERS, "other_lead"]) | HIDDEN,
        ),
        "peers:practice_create": (
            lambda w: "/netwerk/kantoren/kantoor-utrecht/praktijkvoorbeelden/nieuw/",
            expect(OFFICE_MANAGERS),
        ),
        "peers:practice_from_project": (
            lambda w: (
                f"/netwerk/kantoren/kantoor-utrecht/projecten/{w.project.pk}/praktijkvoorbeeld/"
            ),
            expect(OFFICE_MANAGERS),
        ),
    }
)
PEERS_POSTS = {"peers:practice_trial", "peers:practice_from_project"}


def _exchange_post(world):
    """An offer on the office's exchange board by its lead, made once per world."""
    from kapstok.peers.models import ExchangePost

    if not hasattr(world, "exchange_post"):
        world.exchange_post = ExchangePost.objects.create(
            office=world.office,
            author=world.users["lead"],
            kind="offer",
            topic="space",
            title="200 m²",
        )
    return world.exchange_post


# The exchange board is for the office's own people only: not POS, not the municipality.
EXCHANGE = "/netwerk/kantoren/kantoor-utrecht/uitwisselbord/"
PAGES.update(
    {
        "peers:exchange": (lambda w: EXCHANGE, expect(["lead", "member"])),
        "peers:exchange_detail": (
            lambda w: f"{EXCHANGE}{_exchange_post(w).pk}/",
            expect(["lead", "member"]),
        ),
        # The author (here the lead) and the office's leads mark a post solved.
        "peers:exchange_solve": (
            lambda w: f"{EXCHANGE}{_exchange_post(w).pk}/opgelost/",
            expect(["lead"]),
        ),
    }
)
PEERS_POSTS |= {"peers:exchange_solve"}


def _meeting(world):
    """A national meeting next year to which the office is invited, made once per world."""
    from kapstok.peers.models import Meeting

    if not hasattr(world, "meeting"):
        world.meeting = Meeting.objects.create(
            scope="national",
            title="Landelijke kantorendag",
            starts_at=datetime.datetime(2099, 3, 1, 10, tzinfo=datetime.UTC),
            ends_at=datetime.datetime(2099, 3, 1, 16, tzinfo=datetime.UTC),
        )
        world.meeting.invited_offices.add(world.office)
    return world.meeting


def _feed_url(world):
    from kapstok.peers.calendar import feed_token

    return f"/netwerk/agenda/{feed_token(world.users['member'])}/bijeenkomsten.ics"


# Meetings: POS runs them; the invited offices' people see and answer them; others get 404.
MEETINGS = "/netwerk/bijeenkomsten/"
INVITED = ["lead", "member", "civil_servant", "partner"]
NOT_INVITED = {p: "404" for p in ["researcher", "other_lead", "other_member", "outsider"]}
PAGES.update(
    {
        "peers:meeting_list": (lambda w: MEETINGS, expect(SIGNED_IN)),
        "peers:meeting_create": (lambda w: f"{MEETINGS}nieuw/", expect(NATIONAL)),
        "peers:meeting_detail": (
            lambda w: f"{MEETINGS}{_meeting(w).pk}/",
            expect([*NATIONAL, *INVITED], denied="404"),
        ),
        "peers:meeting_ics": (
            lambda w: f"{MEETINGS}{_meeting(w).pk}/uitnodiging.ics",
            expect([*NATIONAL, *INVITED], denied="404"),
        ),
        "peers:meeting_edit": (
            lambda w: f"{MEETINGS}{_meeting(w).pk}/bewerken/",
            expect(NATIONAL) | NOT_INVITED,
        ),
        "peers:meeting_attendance": (
            lambda w: f"{MEETINGS}{_meeting(w).pk}/aanwezigheid/",
            expect(NATIONAL) | NOT_INVITED,
        ),
        # Only the invited answer; POS staff organise, they are not invited themselves.
        "peers:meeting_rsvp": (
            lambda w: f"{MEETINGS}{_meeting(w).pk}/antwoord/",
            expect(INVITED) | NOT_INVITED,
        ),
        # The feed answers to whoever holds the token (calendar apps have no session).
        "peers:meeting_feed": (_feed_url, expect(EVERYONE)),
    }
)
PEERS_POSTS |= {"peers:meeting_attendance", "peers:meeting_rsvp"}
PAGES["peers:regions"] = (lambda w: "/netwerk/regios/", expect(NATIONAL))


def _support_request(world):
    """A request of the office, filed by its lead and assigned to its partner, with a file."""
    from django.core.files.base import ContentFile

    from kapstok.support.models import Attachment, Category, SupportRequest

    if not hasattr(world, "support_request"):
        world.support_request = SupportRequest.objects.create(
            office=world.office,
            category=Category.objects.get_or_create(name="rechtsvorm")[0],
            description="Welke rechtsvorm past bij ons?",
            created_by=world.users["lead"],
            partner=world.partner,
        )
        world.attachment = Attachment.objects.create(
            request=world.support_request,
            file=ContentFile(b"%PDF-1.4 test", name="statuten.pdf"),
            name="statuten.pdf",
            content_type="application/pdf",
            size=13,
        )
    return world.support_request


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Support attachments are written to disk: keep them out of the project's media."""
    settings.MEDIA_ROOT = tmp_path


# The support desk: the office's people ask, POS and the assigned partner answer.
SUPPORT = "/netwerk/ondersteuning/"
SUPPORT_ASKERS = ["pos", "admin", "lead", "member"]
SUPPORT_HANDLERS = ["pos", "admin", "partner"]
PAGES.update(
    {
        "support:queue": (lambda w: SUPPORT, expect(SUPPORT_HANDLERS)),
        "support:contributions": (
            lambda w: f"{SUPPORT}kantoor/kantoor-utrecht/bijdragen/",
            expect([*SUPPORT_ASKERS, "civil_servant"]),
        ),
        "support:catalogue": (
            lambda w: f"{SUPPORT}aanbod/",
            expect([*OFFICE_PEOPLE, "other_lead", "other_member"]),
        ),
        "support:report": (lambda w: f"{SUPPORT}rapport/", expect(NATIONAL)),
        "support:report_xlsx": (lambda w: f"{SUPPORT}rapport.xlsx", expect(NATIONAL)),
        "support:office_requests": (
            lambda w: f"{SUPPORT}kantoor/kantoor-utrecht/",
            expect(SUPPORT_ASKERS),
        ),
        "support:request_create": (
            lambda w: f"{SUPPORT}kantoor/kantoor-utrecht/nieuw/",
            expect(SUPPORT_ASKERS),
        ),
        "support:request_detail": (
            lambda w: f"{SUPPORT}vragen/{_support_request(w).pk}/",
            expect([*SUPPORT_ASKERS, "partner"]),
        ),
        # An empty POST reaches the check and comes back with the form's errors (400).
        "support:message_add": (
            lambda w: f"{SUPPORT}vragen/{_support_request(w).pk}/reageren/",
            expect([*SUPPORT_ASKERS, "partner"])
            | dict.fromkeys([*SUPPORT_ASKERS, "partner"], "400"),
        ),
        "support:request_handle": (
            lambda w: f"{SUPPORT}vragen/{_support_request(w).pk}/behandelen/",
            expect(SUPPORT_HANDLERS) | dict.fromkeys(SUPPORT_HANDLERS, "400"),
        ),
        "support:request_merge": (
            lambda w: f"{SUPPORT}vragen/{_support_request(w).pk}/samenvoegen/",
            expect(SUPPORT_HANDLERS) | dict.fromkeys(SUPPORT_HANDLERS, "400"),
        ),
        "support:request_rate": (
            lambda w: f"{SUPPORT}vragen/{_support_request(w).pk}/beoordelen/",
            expect(["lead", "member"]) | dict.fromkeys(["lead", "member"], "400"),
        ),
        "support:attachment_download": (
            lambda w: f"{SUPPORT}bijlagen/{_support_request(w) and w.attachment.pk}/",
            expect([*SUPPORT_ASKERS, "partner"]),
        ),
    }
)
SUPPORT_POSTS = {
    "support:message_add",
    "support:request_handle",
    "support:request_merge",
    "support:request_rate",
}

# Representativeness: coverage figures for the office's leads, POS and the municipality; the
# landscape, pipeline (named prospects, personal notes), imports and exports for leads and POS.
AFSPIEGELING = "/netwerk/kantoren/kantoor-utrecht/afspiegeling/"
COVERAGE_VIEWERS = [*OFFICE_MANAGERS, "civil_servant"]


def _landscape(w):
    """A landscape business and a checked import of the office, made once per world."""
    if not hasattr(w, "landscape_business"):
        from kapstok.representation.factories import ImportJobFactory, LandscapeBusinessFactory

        w.landscape_business = LandscapeBusinessFactory(office=w.office)
        w.import_job = ImportJobFactory(
            office=w.office,
            status="checked",
            report={"valid": 1, "rejected": [], "rejected_count": 0, "duplicate_count": 0,
                    "linked": 0, "suggestions": 0, "unknown_branch": 1, "empty": 0},
        )  # fmt: skip
    return w


def _job_url(w, tail=""):
    return f"{AFSPIEGELING}importeren/{_landscape(w).import_job.pk}/{tail}"


def _business_url(w, middle, tail=""):
    return f"{AFSPIEGELING}{middle}/{_landscape(w).landscape_business.pk}/{tail}"


PAGES.update(
    {
        "representation:national": (lambda w: "/netwerk/afspiegeling/", expect(NATIONAL)),
        "representation:office": (lambda w: AFSPIEGELING, expect(COVERAGE_VIEWERS)),
        "representation:import_start": (
            lambda w: f"{AFSPIEGELING}importeren/",
            expect(OFFICE_MANAGERS),
        ),
        "representation:import_job": (lambda w: _job_url(w), expect(OFFICE_MANAGERS)),
        "representation:import_progress": (
            lambda w: _job_url(w, "voortgang/"),
            expect(OFFICE_MANAGERS),
        ),
        "representation:import_confirm": (
            lambda w: _job_url(w, "bevestigen/"),
            expect(OFFICE_MANAGERS),
        ),
        "representation:import_rejected": (
            lambda w: _job_url(w, "afgewezen.csv"),
            expect(OFFICE_MANAGERS),
        ),
        "representation:landscape_list": (
            lambda w: f"{AFSPIEGELING}bedrijven/",
            expect(OFFICE_MANAGERS),
        ),
        "representation:business_classify": (
            lambda w: _business_url(w, "bedrijven", "tak/"),
            expect(OFFICE_MANAGERS),
        ),
        "representation:suggestion": (
            lambda w: _business_url(w, "bedrijven", "koppeling/"),
            expect(OFFICE_MANAGERS),
        ),
        "representation:pipeline": (lambda w: f"{AFSPIEGELING}werving/", expect(OFFICE_MANAGERS)),
        "representation:prospect_edit": (
            lambda w: _business_url(w, "werving"),
            expect(OFFICE_MANAGERS),
        ),
        "representation:pipeline_csv": (
            lambda w: f"{AFSPIEGELING}werving/export.csv",
            expect(OFFICE_MANAGERS),
        ),
        "representation:pipeline_xlsx": (
            lambda w: f"{AFSPIEGELING}werving/export.xlsx",
            expect(OFFICE_MANAGERS),
        ),
    }
)
REPRESENTATION_POSTS = {
    "representation:import_confirm",
    "representation:business_classify",
    "representation:suggestion",
}

SESSION_POSTS = {
    "strategy:session_phase",
    "strategy:themes_propose",
    "strategy:themes_confirm",
    "strategy:card_move",
    "strategy:theme_merge",
    "strategy:theme_rename",
    "participate:card_add",
    "participate:card_delete",
    "participate:vote_cast",
    "participate:vote_remove",
}

# Own data (kapstok.trust): every signed-in person, about themselves; the inventory for admins.
PAGES.update(
    {
        "trust:my_data": (lambda w: "/account/mijn-gegevens/", expect(SIGNED_IN)),
        "trust:my_data_json": (
            lambda w: "/account/mijn-gegevens/download.json",
            expect(SIGNED_IN),
        ),
        "trust:my_data_pdf": (lambda w: "/account/mijn-gegevens/download.pdf", expect(SIGNED_IN)),
        "trust:erase_confirm": (lambda w: "/account/mijn-gegevens/wissen/", expect(SIGNED_IN)),
        # An empty POST lacks the confirmation and goes back to the form (302).
        "trust:erase": (lambda w: "/account/mijn-gegevens/wissen/bevestigd/", expect(SIGNED_IN)),
        "trust:data_inventory": (lambda w: "/account/persoonsgegevens/", expect(["admin"])),
        # Two-factor (kapstok.accounts.two_factor): anyone signed in may set it up.
        "accounts:two_factor_setup": (
            lambda w: "/account/tweestaps/instellen/",
            expect(SIGNED_IN),
        ),
        # Without a confirmed device, verification forwards to the setup (302).
        "accounts:two_factor_verify": (lambda w: "/account/tweestaps/", expect(SIGNED_IN)),
    }
)

# Endpoints that only take POST (an empty POST is enough to reach the access check).
POST_ONLY = {"goals:project_progress", "progress:signal_acknowledge"}
POST_ONLY |= SESSION_POSTS
POST_ONLY |= REPRESENTATION_POSTS
POST_ONLY |= SUPPORT_POSTS
POST_ONLY |= PEERS_POSTS
POST_ONLY |= {"trust:erase"}

# Routes whose access is Django's own (admin) or that only follow a token from an email.
EXEMPT_PREFIXES = (
    "admin:",
    "accounts:logout",
    "accounts:password_reset_",
    "api:",
    "set_language",
)


def all_route_names(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= all_route_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_page_has_a_row_in_the_matrix():
    missing = {
        name
        for name in all_route_names()
        if name not in PAGES and not name.startswith(EXEMPT_PREFIXES)
    }
    assert not missing, f"Pages without access expectations: {sorted(missing)}"


def outcome_of(response) -> str:
    if response.status_code in (301, 302) and "/account/inloggen/" in response["Location"]:
        return "login"
    if response.status_code == 302:
        return "200"  # the start page forwards to the persona's own page
    return str(response.status_code)


@pytest.fixture
def matrix_world(world):
    world.membership = world.office.memberships.get()
    world.goal = GoalFactory(office=world.office)
    world.strategy = StrategyFactory(goal=world.goal)
    world.project = ProjectFactory(strategy=world.strategy)
    world.activity = ActivityFactory(project=world.project)
    world.signal = Signal.objects.create(
        office=world.office,
        rule="no_session",
        severity="warning",
        params={"months": 6, "since": "2024-09-01"},
        opened_on=datetime.date(2025, 1, 1),
        last_seen_on=datetime.date(2025, 1, 1),
    )
    world.session = StrategySessionFactory(office=world.office)
    world.theme = ThemeFactory(session=world.session)
    participant = ParticipantFactory(session=world.session, user=world.users["member"])
    world.card = CardFactory(participant=participant)
    return world


@pytest.mark.parametrize("page", PAGES)
def test_access(page, matrix_world, client):
    """One world per page, every persona in turn: mismatches are listed all at once."""
    build_url, outcomes = PAGES[page]
    url = build_url(matrix_world)
    wrong = {}
    for persona in EVERYONE:
        client.logout()
        if persona != "anonymous":
            client.force_login(matrix_world.users[persona])
        response = client.post(url) if page in POST_ONLY else client.get(url)
        if outcome_of(response) != outcomes[persona]:
            wrong[persona] = f"got {outcome_of(response)}, expected {outcomes[persona]}"
    assert not wrong, f"{page} {url}: {wrong}"


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_admin_is_for_site_admins_only(persona, world, client):
    client.force_login(world.users[persona])
    response = client.get("/admin/")
    assert response.status_code == (200 if persona == "admin" else 302)
