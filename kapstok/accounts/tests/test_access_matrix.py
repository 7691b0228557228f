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
    # Insiders with no rights on Kantoor Utrecht (see `matrix_world`): a lead of an office the
    # member used to belong to, Zwolle's civil servant and a partner working only for Zwolle.
    "former_lead",
    "other_civil_servant",
    "other_partner",
]
SIGNED_IN = [p for p in EVERYONE if p != "anonymous"]


def expect(allowed: list[str], denied: str = "403") -> dict[str, str]:
    """Outcome per persona: 200 for `allowed`, login for anonymous, `denied` for the rest.

    "other_lead" in `allowed` stands for "a lead of any office": the former office's lead gets
    the same.
    """
    if "other_lead" in allowed:
        allowed = [*allowed, "former_lead"]
    outcome = {persona: denied for persona in SIGNED_IN}
    outcome.update({persona: "200" for persona in allowed})
    outcome.setdefault("anonymous", "login")
    if "anonymous" in allowed:
        outcome["anonymous"] = "200"
    return outcome


KAPSTOK = "/netwerk/kantoren/kantoor-utrecht/kapstok/"


def _claim(w):
    """Kantoor Utrecht's pending request to count Boks Zwolle as a member, made once per world."""
    if not hasattr(w, "claim"):
        from kapstok.network.services import membership_claim_create

        w.claim = membership_claim_create(
            office=w.office, entrepreneur=w.other_entrepreneur, joined_on=datetime.date(2025, 1, 1)
        )
    return w.claim


def _consent_token(w):
    from kapstok.municipality.services import ask_token

    return ask_token(entrepreneur=w.member_entrepreneur, office=w.office)


def _claim_token(w):
    from kapstok.network.services import claim_token

    return claim_token(_claim(w))


OFFICE_PEOPLE = ["pos", "admin", "lead", "member", "civil_servant", "partner"]
OFFICE_MANAGERS = ["pos", "admin", "lead"]
NATIONAL = ["pos", "admin"]

# name → (url builder taking the world, outcomes)
PAGES = {
    "public:home": (lambda w: "/", expect(EVERYONE)),
    "public:office": (lambda w: "/kantoren/kantoor-utrecht/", expect(EVERYONE)),
    "home:healthz": (lambda w: "/healthz", expect(EVERYONE)),
    "home:start": (lambda w: "/start/", expect(SIGNED_IN)),
    "home:research_home": (lambda w: "/onderzoek/", expect(["researcher", *NATIONAL])),
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
    "network:branch_partner_add": (
        lambda w: "/netwerk/kantoren/kantoor-utrecht/partners/brancheorganisatie/",
        expect(OFFICE_MANAGERS),
    ),
    "network:membership_end": (
        lambda w: f"/netwerk/kantoren/kantoor-utrecht/leden/{w.membership.pk}/beeindigen/",
        expect(OFFICE_MANAGERS),
    ),
    # Only the business itself leaves through its own form (POS and leads use the one above).
    "network:membership_leave": (
        lambda w: f"/netwerk/kantoren/kantoor-utrecht/lidmaatschap/{w.membership.pk}/opzeggen/",
        expect(["member"]),
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
    # Kantoor Utrecht asked Boks Zwolle (Otto's business) to confirm it is a member: the business
    # answers (or POS for it), the asking office may take the request back, and the link in
    # the mail is the business's key (anyone holding it may answer).
    "network:claim_answer": (
        lambda w: f"/netwerk/lidmaatschapsverzoeken/{_claim(w).pk}/",
        expect([*NATIONAL, "other_member"]),
    ),
    "network:claim_respond": (
        lambda w: f"/netwerk/lidmaatschap/bevestigen/{_claim_token(w)}/",
        expect(EVERYONE),
    ),
    "network:claim_withdraw": (
        lambda w: (
            f"/netwerk/kantoren/kantoor-utrecht/lidmaatschapsverzoeken/{_claim(w).pk}/intrekken/"
        ),
        expect(OFFICE_MANAGERS),
    ),
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
        # The world's participant has an account: a facilitator is told only guests go (302).
        "strategy:participant_remove": (
            lambda w: f"{SESSIONS}{w.session.pk}/deelnemers/{w.card.participant_id}/verwijderen/",
            expect(FACILITATORS),
        ),
        "strategy:cluster_column": (
            lambda w: f"{SESSIONS}{w.session.pk}/indeling/kaartjes/?thema={w.theme.pk}",
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
        # A goal in the kapstok is the office's: partners facilitate but do not make goals.
        "strategy:goal_from_theme": (
            lambda w: f"{SESSIONS}{w.session.pk}/themas/{w.theme.pk}/doel/",
            expect(OFFICE_MANAGERS),
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
INSIDERS = [*OFFICE_MANAGERS, "member", "partner", "other_lead", "other_member", "other_partner"]
HIDDEN = {p: "404" for p in ["civil_servant", "researcher", "outsider", "other_civil_servant"]}
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
NOT_INVITED = {
    p: "404"
    for p in [
        "researcher",
        "other_lead",
        "other_member",
        "outsider",
        "former_lead",
        "other_civil_servant",
        "other_partner",
    ]
}
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
        # Every partner has a queue: the requests assigned to it (none, for Zwolle's partner).
        "support:queue": (lambda w: SUPPORT, expect([*SUPPORT_HANDLERS, "other_partner"])),
        "municipality:contributions": (
            lambda w: f"{SUPPORT}kantoor/kantoor-utrecht/bijdragen/",
            expect([*SUPPORT_ASKERS, "civil_servant"]),
        ),
        "support:catalogue": (
            lambda w: f"{SUPPORT}aanbod/",
            expect(
                [
                    *OFFICE_PEOPLE,
                    "other_lead",
                    "other_member",
                    "other_civil_servant",
                    "other_partner",
                ]
            ),
        ),
        "support:report": (lambda w: f"{SUPPORT}rapport/", expect(NATIONAL)),
        "support:report_xlsx": (lambda w: f"{SUPPORT}rapport.xlsx", expect(NATIONAL)),
        "support:late_counts": (lambda w: f"{SUPPORT}te-laat/", expect(NATIONAL)),
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


def _article(world):
    """A published knowledge article, made once per world."""
    from kapstok.support.models import KnowledgeArticle

    if not hasattr(world, "article"):
        world.article = KnowledgeArticle.objects.create(
            title="Rechtsvormen", summary="Vereniging of stichting?", body="Tekst."
        )
    return world.article


# Linking practices and knowledge articles: the request's handlers; the knowledge base: POS;
# a published article: everyone inside the network (the office reads what was linked).
PAGES.update(
    {
        "support:request_link": (
            lambda w: f"{SUPPORT}vragen/{_support_request(w).pk}/koppelen/",
            expect(SUPPORT_HANDLERS) | dict.fromkeys(SUPPORT_HANDLERS, "400"),
        ),
        "support:request_unlink": (
            lambda w: f"{SUPPORT}vragen/{_support_request(w).pk}/ontkoppelen/",
            expect(SUPPORT_HANDLERS),
        ),
        "support:article_list": (lambda w: f"{SUPPORT}kennisbank/", expect(NATIONAL)),
        "support:article_create": (lambda w: f"{SUPPORT}kennisbank/nieuw/", expect(NATIONAL)),
        "support:article_edit": (
            lambda w: f"{SUPPORT}kennisbank/{_article(w).pk}/bewerken/",
            expect(NATIONAL),
        ),
        "support:article_detail": (
            lambda w: f"{SUPPORT}kennisbank/{_article(w).pk}/",
            expect(
                [
                    *["pos", "admin", "lead", "member", "partner", "other_lead", "other_member"],
                    "other_partner",
                ],
                "404",
            ),
        ),
    }
)
SUPPORT_POSTS |= {"support:request_link", "support:request_unlink"}

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
        "representation:landscapes": (
            lambda w: "/netwerk/afspiegeling/landschappen/",
            expect(NATIONAL),
        ),
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
        "representation:import_retry": (
            lambda w: _job_url(w, "opnieuw/"),
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
    "representation:import_retry",
    "representation:business_classify",
    "representation:suggestion",
}

SESSION_POSTS = {
    "strategy:session_phase",
    "strategy:participant_remove",
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
        # An empty POST names no purpose and goes back to the profile (302).
        "trust:consent_withdraw": (
            lambda w: "/account/mijn-gegevens/toestemming-intrekken/",
            expect(SIGNED_IN),
        ),
        "trust:consent_overview": (lambda w: "/account/toestemmingen/", expect(["admin"])),
        # Two-factor (kapstok.accounts.two_factor): anyone signed in may set it up.
        "accounts:two_factor_setup": (
            lambda w: "/account/tweestaps/instellen/",
            expect(SIGNED_IN),
        ),
        # Without a confirmed device, verification forwards to the setup (302).
        "accounts:two_factor_verify": (lambda w: "/account/tweestaps/", expect(SIGNED_IN)),
    }
)


def _messages(w):
    """A pending municipality message, and a sent one with a file that reached the member."""
    if not hasattr(w, "pending_message"):
        from django.core.files.base import ContentFile

        from kapstok.messaging.models import Delivery, MessageAttachment, OfficeMessage

        w.pending_message = OfficeMessage.objects.create(
            office=w.office,
            sender_kind="municipality",
            municipality=w.utrecht,
            author=w.users["civil_servant"],
            sender_label="Gemeente Utrecht",
            subject="Word een vereniging",
            body="Graag.",
        )
        w.sent_message = OfficeMessage.objects.create(
            office=w.office,
            sender_kind="municipality",
            municipality=w.utrecht,
            sender_label="Gemeente Utrecht",
            subject="Subsidieregeling",
            body="Lees de bijlage.",
            status="sent",
        )
        w.message_attachment = MessageAttachment.objects.create(
            message=w.sent_message,
            file=ContentFile(b"%PDF-1.4 test", name="regeling.pdf"),
            name="regeling.pdf",
            content_type="application/pdf",
            size=13,
        )
        w.delivery = Delivery.objects.create(
            message=w.sent_message, entrepreneur=w.member_entrepreneur, status="sent"
        )
    return w


def _unsubscribe_url(w):
    from kapstok.messaging.services import unsubscribe_token

    return f"/afmelden/{unsubscribe_token(_messages(w).delivery)}/"


# The municipality portal (its contacts and POS) and brokered messages: the municipality, POS and
# the lead write through the office; only the office's lead approves; members read in the inbox.
BERICHTEN = "/netwerk/kantoren/kantoor-utrecht/berichten/"
MESSAGE_SENDERS = [*OFFICE_MANAGERS, "civil_servant"]
RECIPIENTS = ["member", "other_member"]
PAGES.update(
    {
        "municipality:portal_list": (
            lambda w: "/netwerk/gemeenteportaal/",
            expect([*NATIONAL, "civil_servant", "other_civil_servant"]),
        ),
        "municipality:portal": (
            lambda w: "/netwerk/gemeenteportaal/GM0344/",
            expect([*NATIONAL, "civil_servant"]),
        ),
        "municipality:portal_members": (
            lambda w: "/netwerk/gemeenteportaal/GM0344/kantoor-utrecht/ondernemers/",
            expect([*NATIONAL, "civil_servant"]),
        ),
        "municipality:contact_sharing": (
            lambda w: "/netwerk/kantoren/kantoor-utrecht/delen-met-gemeente/",
            expect([*OFFICE_MANAGERS, "member"]),
        ),
        # The link mailed to the business is its key: whoever holds it answers for it.
        "municipality:consent_respond": (
            lambda w: f"/netwerk/toestemming-gemeente/{_consent_token(w)}/",
            expect(EVERYONE),
        ),
        "messaging:archive": (lambda w: BERICHTEN, expect(MESSAGE_SENDERS)),
        "messaging:compose": (lambda w: f"{BERICHTEN}nieuw/", expect(MESSAGE_SENDERS)),
        "messaging:auto_approve": (lambda w: f"{BERICHTEN}instellingen/", expect(NATIONAL)),
        "messaging:message_detail": (
            lambda w: f"{BERICHTEN}{_messages(w).pending_message.pk}/",
            expect(MESSAGE_SENDERS),
        ),
        "messaging:message_approve": (
            lambda w: f"{BERICHTEN}{_messages(w).pending_message.pk}/goedkeuren/",
            expect(["lead"]),
        ),
        # An empty POST lacks the reason and comes back with the form's error (400).
        "messaging:message_reject": (
            lambda w: f"{BERICHTEN}{_messages(w).pending_message.pk}/afwijzen/",
            expect(["lead"]) | {"lead": "400"},
        ),
        "messaging:inbox": (lambda w: "/netwerk/berichten/", expect(RECIPIENTS)),
        "messaging:preferences": (lambda w: "/netwerk/berichten/voorkeuren/", expect(RECIPIENTS)),
        "messaging:inbox_detail": (
            lambda w: f"/netwerk/berichten/{_messages(w).delivery.pk}/",
            expect(["member"]) | {"other_member": "404"},
        ),
        "messaging:attachment_download": (
            lambda w: f"/netwerk/berichten/bijlagen/{_messages(w).message_attachment.pk}/",
            expect([*MESSAGE_SENDERS, "member"], denied="404"),
        ),
        # The link in the mail works for whoever holds it: no account needed.
        "messaging:unsubscribe": (_unsubscribe_url, expect(EVERYONE)),
    }
)
MESSAGING_POSTS = {
    "messaging:auto_approve",
    "messaging:message_approve",
    "messaging:message_reject",
}

# The research monitor (kapstok.monitor): researchers and POS build questionnaires and run
# waves; only POS adds respondents by email; the respondent's link works for whoever holds it.
MONITOR = "/onderzoek/monitor/"
MONITOR_RUNNERS = ["researcher", *NATIONAL]


def _monitor(w):
    """The templates, an open wave for the world's office, and an own questionnaire."""
    if not hasattr(w, "monitor_wave"):
        import datetime as dt

        from django.utils import timezone

        from kapstok.monitor import services as monitor
        from kapstok.monitor.models import Question, Questionnaire, Wave

        templates = {t.template_key: t for t in monitor.templates_ensure()}
        today = timezone.localdate()
        w.monitor_wave = monitor.wave_start(
            wave=Wave(name="Monitor", year=today.year, opens_on=today,
                      closes_on=today + dt.timedelta(days=14)),
            office_ids=[w.office.pk], questionnaires={"lead": templates["lead"]},
            actor=w.users["pos"],
        )  # fmt: skip
        w.monitor_token = w.monitor_wave.invitations.get(audience="lead").token
        w.monitor_own = Questionnaire.objects.create(title="Eigen", audience="lead")
        w.monitor_question = Question.objects.create(questionnaire=w.monitor_own, text="Hoe?")
    return w


def _wave_url(w, tail=""):
    return f"{MONITOR}meetrondes/{_monitor(w).monitor_wave.pk}/{tail}"


def _own_url(w, tail=""):
    return f"{MONITOR}vragenlijsten/{_monitor(w).monitor_own.pk}/{tail}"


def _question_url(w, tail):
    return f"{MONITOR}vragen/{_monitor(w).monitor_question.pk}/{tail}"


def _respond_url(w, tail=""):
    return f"/vragenlijst/{_monitor(w).monitor_token}/{tail}"


PAGES.update(
    {
        "monitor:overview": (lambda w: MONITOR, expect(MONITOR_RUNNERS)),
        "monitor:questionnaire_create": (
            lambda w: f"{MONITOR}vragenlijsten/nieuw/",
            expect(MONITOR_RUNNERS),
        ),
        "monitor:questionnaire_detail": (lambda w: _own_url(w), expect(MONITOR_RUNNERS)),
        "monitor:questionnaire_edit": (lambda w: _own_url(w, "bewerken/"), expect(MONITOR_RUNNERS)),
        "monitor:questionnaire_copy": (lambda w: _own_url(w, "kopieren/"), expect(MONITOR_RUNNERS)),
        "monitor:questionnaire_preview": (
            lambda w: _own_url(w, "voorbeeld/"),
            expect(MONITOR_RUNNERS),
        ),
        "monitor:question_create": (
            lambda w: _own_url(w, "vragen/nieuw/"),
            expect(MONITOR_RUNNERS),
        ),
        "monitor:question_edit": (
            lambda w: _question_url(w, "bewerken/"),
            expect(MONITOR_RUNNERS),
        ),
        "monitor:question_move": (
            lambda w: _question_url(w, "verplaatsen/"),
            expect(MONITOR_RUNNERS),
        ),
        # An empty POST lacks the confirmation and goes back to the questionnaire (302).
        "monitor:question_delete": (
            lambda w: _question_url(w, "verwijderen/"),
            expect(MONITOR_RUNNERS),
        ),
        "monitor:wave_create": (lambda w: f"{MONITOR}meetrondes/nieuw/", expect(MONITOR_RUNNERS)),
        "monitor:wave_detail": (lambda w: _wave_url(w), expect(MONITOR_RUNNERS)),
        "monitor:wave_remind": (lambda w: _wave_url(w, "herinneren/"), expect(MONITOR_RUNNERS)),
        "monitor:wave_close": (lambda w: _wave_url(w, "sluiten/"), expect(MONITOR_RUNNERS)),
        "monitor:invitation_add": (lambda w: _wave_url(w, "uitnodigen/"), expect(NATIONAL)),
        "monitor:wave_answers": (
            lambda w: _wave_url(w, "antwoorden/lead/"),
            expect(MONITOR_RUNNERS),
        ),
        "monitor:respond": (lambda w: _respond_url(w), expect(EVERYONE)),
        "monitor:respond_section": (lambda w: _respond_url(w, "deel/0/"), expect(EVERYONE)),
        "monitor:respond_submit": (lambda w: _respond_url(w, "indienen/"), expect(EVERYONE)),
    }
)
MONITOR_POSTS = {
    "monitor:questionnaire_copy",
    "monitor:question_move",
    "monitor:question_delete",
    "monitor:wave_remind",
    "monitor:wave_close",
}


def _coding(w):
    """A research project over a closed wave with one open answer, coded by POS (kapstok.coding)."""
    if not hasattr(w, "research_project"):
        import datetime as dt

        from django.utils import timezone

        from kapstok.coding import services as coding
        from kapstok.monitor.models import (
            Answer,
            Invitation,
            Question,
            Questionnaire,
            Response,
            Wave,
        )

        questionnaire = Questionnaire.objects.create(title="Kartrekkers", audience="lead")
        question = Question.objects.create(questionnaire=questionnaire, text="Doelen?")
        w.research_wave = Wave.objects.create(
            name="Monitor 2025",
            year=2025,
            opens_on=dt.date(2025, 3, 1),
            closes_on=dt.date(2025, 4, 1),
            status="closed",
        )
        invitation = Invitation.objects.create(
            wave=w.research_wave,
            office=w.office,
            audience="lead",
            questionnaire=questionnaire,
            email="kees@example.invalid",
        )
        response = Response.objects.create(invitation=invitation, submitted_at=timezone.now())
        w.research_answer = Answer.objects.create(
            response=response, question=question, text="Meer leden werven."
        )
        w.research_project = coding.project_create(name="Monitor", waves=[w.research_wave])
        code = coding.code_add(project=w.research_project, label="Leden")
        w.research_coding = coding.coding_add(
            project=w.research_project,
            answer=w.research_answer,
            code=code,
            coder=w.users["pos"],
        )
    return w


def _research_url(w, tail=""):
    return f"/onderzoek/codering/{_coding(w).research_project.pk}/{tail}"


# Coding the monitor's answers (kapstok.coding): researchers and POS, on pseudonymised data.
CODERS = ["researcher", *NATIONAL]
PAGES.update(
    {
        "coding:project_list": (lambda w: "/onderzoek/codering/", expect(CODERS)),
        "coding:project_create": (lambda w: "/onderzoek/codering/nieuw/", expect(CODERS)),
        "coding:project_detail": (lambda w: _research_url(w), expect(CODERS)),
        "coding:project_waves": (lambda w: _research_url(w, "meetrondes/"), expect(CODERS)),
        "coding:codebook": (lambda w: _research_url(w, "codeboek/"), expect(CODERS)),
        "coding:code_edit": (
            lambda w: _research_url(w, f"codeboek/{_coding(w).research_coding.code_id}/"),
            expect(CODERS),
        ),
        "coding:wave_answers": (
            lambda w: _research_url(w, f"meetrondes/{_coding(w).research_wave.pk}/"),
            expect(CODERS),
        ),
        # An empty POST names no code and comes back with the form's errors (400).
        "coding:coding_create": (
            lambda w: _research_url(w, f"antwoorden/{_coding(w).research_answer.pk}/coderen/"),
            expect(CODERS) | dict.fromkeys(CODERS, "400"),
        ),
        "coding:coding_confirm": (
            lambda w: _research_url(w, f"coderingen/{_coding(w).research_coding.pk}/bevestigen/"),
            expect(NATIONAL) | {"researcher": "403"},
        ),
        # Only the coder (here POS) or POS removes a coding; once POS has, it is gone (404).
        "coding:coding_delete": (
            lambda w: _research_url(w, f"coderingen/{_coding(w).research_coding.pk}/verwijderen/"),
            expect(["pos"]) | {"researcher": "404", "admin": "404"},
        ),
        "coding:agreement": (lambda w: _research_url(w, "overeenstemming/"), expect(CODERS)),
        "coding:frequencies": (lambda w: _research_url(w, "frequenties/"), expect(CODERS)),
        "coding:questions_clear": (lambda w: _research_url(w, "vrijgeven/"), expect(CODERS)),
        "coding:export": (lambda w: _research_url(w, "export.zip"), expect(CODERS)),
    }
)
CODING_POSTS = {
    "coding:project_waves",
    "coding:coding_create",
    "coding:coding_confirm",
    "coding:coding_delete",
}

# Influence (kapstok.influence): the register for the office's people; positions drafted and sent
# by leads and POS, endorsed by members; the municipality reads what was sent to it. The world's
# position is sent to Utrecht, so the civil servant may read it; the partner may not (404).
INFLUENCE = "/netwerk/kantoren/kantoor-utrecht/invloed/"
SENT_POSITION_READERS = [*OFFICE_PEOPLE[:-1]]  # everyone of the office but the partner


def _influence(w):
    """A sent position (with its PDF), a seat, an outcome with evidence and a role agreement."""
    if not hasattr(w, "position"):
        from django.core.files.base import ContentFile

        from kapstok.agreements.services import agreement_start
        from kapstok.influence.models import Achievement, Position, Seat

        w.position = Position.objects.create(
            office=w.office, title="Subsidie", body="Tekst", municipality=w.utrecht,
            status="sent", sent_to="sport@utrecht.invalid",
            pdf=ContentFile(b"%PDF-1.4 standpunt", name="standpunt.pdf"),
        )  # fmt: skip
        w.seat = Seat.objects.create(
            office=w.office, kind="sport_council", person="Kees",
            started_on=datetime.date(2024, 1, 1),
        )  # fmt: skip
        w.achievement = Achievement.objects.create(
            office=w.office, title="Regeling open", achieved_on=datetime.date(2025, 1, 1),
            evidence_file=ContentFile(b"%PDF-1.4 besluit", name="besluit.pdf"),
            evidence_type="application/pdf", evidence_name="besluit.pdf",
        )  # fmt: skip
        w.agreement = agreement_start(office=w.office, actor=None)
    return w


def _position_url(w, tail=""):
    return f"{INFLUENCE}standpunten/{_influence(w).position.pk}/{tail}"


POSITION_EDITORS = expect(OFFICE_MANAGERS) | {"partner": "404"}
PAGES.update(
    {
        "influence:national": (lambda w: "/netwerk/invloed/", expect(NATIONAL)),
        "influence:national_xlsx": (lambda w: "/netwerk/invloed/export.xlsx", expect(NATIONAL)),
        "influence:office": (lambda w: INFLUENCE, expect(OFFICE_PEOPLE)),
        "influence:position_create": (
            lambda w: f"{INFLUENCE}standpunten/nieuw/",
            expect(OFFICE_MANAGERS),
        ),
        "influence:position_detail": (
            lambda w: _position_url(w),
            expect(SENT_POSITION_READERS) | {"partner": "404"},
        ),
        # Once sent, editing, opening and sending forward to the position (302).
        "influence:position_edit": (lambda w: _position_url(w, "bewerken/"), POSITION_EDITORS),
        "influence:position_open": (lambda w: _position_url(w, "openstellen/"), POSITION_EDITORS),
        "influence:position_send": (lambda w: _position_url(w, "versturen/"), POSITION_EDITORS),
        "influence:position_answer": (lambda w: _position_url(w, "antwoord/"), POSITION_EDITORS),
        # Members only: the endorsement is refused (no longer open) with a message (302).
        "influence:position_endorse": (
            lambda w: _position_url(w, "steunen/"),
            expect(["member"]) | {"partner": "404"},
        ),
        "influence:position_withdraw": (
            lambda w: _position_url(w, "intrekken/"),
            expect(["member"]) | {"partner": "404"},
        ),
        "influence:position_pdf": (
            lambda w: _position_url(w, "standpunt.pdf"),
            expect(SENT_POSITION_READERS) | {"partner": "404"},
        ),
        "influence:seat_add": (lambda w: f"{INFLUENCE}zetels/nieuw/", expect(OFFICE_MANAGERS)),
        "influence:seat_edit": (
            lambda w: f"{INFLUENCE}zetels/{_influence(w).seat.pk}/",
            expect(OFFICE_MANAGERS),
        ),
        "influence:achievement_add": (
            lambda w: f"{INFLUENCE}resultaten/nieuw/",
            expect(OFFICE_MANAGERS),
        ),
        "influence:achievement_evidence": (
            lambda w: f"{INFLUENCE}resultaten/{_influence(w).achievement.pk}/bewijs/",
            expect(OFFICE_PEOPLE),
        ),
    }
)
INFLUENCE_POSTS = {
    "influence:position_open",
    "influence:position_endorse",
    "influence:position_withdraw",
}

# POS-wide positions (kapstok.influence, national_views): POS writes; the members of any office,
# every lead and the municipalities' contacts read and members endorse; the PDF per municipality
# is POS's and, for their own municipality, the civil servant's. The world's position is open.
NATIONAL_POSITIONS = "/netwerk/invloed/landelijk/"
NATIONAL_POSITION_READERS = [
    *NATIONAL,
    "lead",
    "member",
    "civil_servant",
    "other_lead",
    "other_member",
    "other_civil_servant",
]


def _national_position_url(w, tail=""):
    if not hasattr(w, "national_position"):
        from kapstok.influence.factories import NationalPositionFactory

        w.national_position = NationalPositionFactory()
    return f"{NATIONAL_POSITIONS}{w.national_position.pk}/{tail}"


PAGES.update(
    {
        "influence:national_positions": (
            lambda w: NATIONAL_POSITIONS,
            expect(NATIONAL_POSITION_READERS),
        ),
        "influence:national_create": (
            lambda w: f"{NATIONAL_POSITIONS}nieuw/",
            expect(NATIONAL),
        ),
        "influence:national_position_detail": (
            lambda w: _national_position_url(w),
            expect(NATIONAL_POSITION_READERS),
        ),
        # Open already: editing forwards POS to the position (302).
        "influence:national_position_edit": (
            lambda w: _national_position_url(w, "bewerken/"),
            expect(NATIONAL),
        ),
        # An empty POST names no action: POS is sent back with a message (302).
        "influence:national_position_status": (
            lambda w: _national_position_url(w, "status/"),
            expect(NATIONAL),
        ),
        "influence:national_position_endorse": (
            lambda w: _national_position_url(w, "steunen/"),
            expect(["member", "other_member"]),
        ),
        "influence:national_position_withdraw": (
            lambda w: _national_position_url(w, "intrekken/"),
            expect(["member", "other_member"]),
        ),
        "influence:national_position_pdf": (
            lambda w: _national_position_url(w, f"gemeenten/{w.utrecht.code}.pdf"),
            expect([*NATIONAL, "civil_servant"]),
        ),
    }
)
NATIONAL_POSITION_POSTS = {
    "influence:national_position_status",
    "influence:national_position_endorse",
    "influence:national_position_withdraw",
}

# Social value (kapstok.community): read by the office's people, kept by its leads and POS; a
# published story's photo is public (it is on the public office page).
BUURT = "/netwerk/kantoren/kantoor-utrecht/buurt/"


def _community(w):
    if not hasattr(w, "community_story"):
        from kapstok.community.factories import ActivityFactory, StoryFactory

        w.community_activity = ActivityFactory(office=w.office)
        w.community_story = StoryFactory(office=w.office)
    return w


PAGES.update(
    {
        "community:office": (lambda w: BUURT, expect(OFFICE_PEOPLE)),
        "community:activity_add": (
            lambda w: f"{BUURT}activiteiten/nieuw/",
            expect(OFFICE_MANAGERS),
        ),
        "community:activity_edit": (
            lambda w: f"{BUURT}activiteiten/{_community(w).community_activity.pk}/",
            expect(OFFICE_MANAGERS),
        ),
        "community:activity_delete": (
            lambda w: f"{BUURT}activiteiten/{_community(w).community_activity.pk}/verwijderen/",
            expect(OFFICE_MANAGERS),
        ),
        "community:story_add": (lambda w: f"{BUURT}verhalen/nieuw/", expect(OFFICE_MANAGERS)),
        "community:story_edit": (
            lambda w: f"{BUURT}verhalen/{_community(w).community_story.pk}/",
            expect(OFFICE_MANAGERS),
        ),
        "community:story_publish": (
            lambda w: f"{BUURT}verhalen/{_community(w).community_story.pk}/publiceren/",
            expect(OFFICE_MANAGERS),
        ),
        "community:story_delete": (
            lambda w: f"{BUURT}verhalen/{_community(w).community_story.pk}/verwijderen/",
            expect(OFFICE_MANAGERS),
        ),
        "community:story_photo": (
            lambda w: (
                f"/kantoren/kantoor-utrecht/verhalen/{_community(w).community_story.pk}/foto.jpg"
            ),
            expect(EVERYONE),
        ),
    }
)
COMMUNITY_POSTS = {
    "community:activity_delete",
    "community:story_publish",
    "community:story_delete",
}

# Role agreements (kapstok.agreements): read by the office's people; each party fills in only
# its own view (the world's lead is the party "kantoor"); leads and POS run the round.
AGREEMENT = "/netwerk/kantoren/kantoor-utrecht/rollenafspraak/"


def _agreement_url(w, tail=""):
    return f"{AGREEMENT}versie-{_influence(w).agreement.version}/{tail}"


PAGES.update(
    {
        "agreements:office": (lambda w: AGREEMENT, expect(OFFICE_PEOPLE)),
        # A round is open already: leads and POS are sent back with a message (302).
        "agreements:start": (lambda w: f"{AGREEMENT}nieuwe-ronde/", expect(OFFICE_MANAGERS)),
        "agreements:detail": (lambda w: _agreement_url(w), expect(OFFICE_PEOPLE)),
        "agreements:tasks": (lambda w: _agreement_url(w, "taken/"), expect(OFFICE_MANAGERS)),
        "agreements:view_edit": (lambda w: _agreement_url(w, "beeld/office/"), expect(["lead"])),
        "agreements:propose": (lambda w: _agreement_url(w, "voorstel/"), expect(OFFICE_MANAGERS)),
        # Nothing proposed yet: the lead is sent back with a message (302).
        "agreements:acknowledge": (
            lambda w: _agreement_url(w, "bevestigen/office/"),
            expect(["lead"]),
        ),
    }
)
AGREEMENT_POSTS = {"agreements:start", "agreements:acknowledge"}

# Structure and money (kapstok.finances): the office's members see the totals; its leads and
# POS keep the books and see who paid; the municipality and partners see none of it.
FINANCES = "/netwerk/kantoren/kantoor-utrecht/financien/"
OFFICE_MEMBERS = [*OFFICE_MANAGERS, "member"]


def _fee_payment(w):
    """Marieke's paid fee for 2025, made once per world."""
    if not hasattr(w, "fee_payment"):
        from kapstok.finances import services as finance_services

        finance_services.fee_schedule_set(
            office=w.office, amount=50, period="year", valid_from=datetime.date(2025, 1, 1)
        )
        w.fee_payment = finance_services.fee_payment_record(
            office=w.office,
            entrepreneur=w.member_entrepreneur,
            period_start=datetime.date(2025, 1, 1),
            amount=50,
            paid_on=datetime.date(2025, 2, 1),
        )
    return w.fee_payment


PAGES.update(
    {
        "finances:guide": (lambda w: "/netwerk/financien/rechtsvormen/", expect(SIGNED_IN)),
        "finances:office": (lambda w: FINANCES, expect(OFFICE_MEMBERS)),
        "finances:legal_form": (lambda w: f"{FINANCES}rechtsvorm/", expect(OFFICE_MANAGERS)),
        "finances:fee_schedules": (lambda w: f"{FINANCES}contributie/", expect(OFFICE_MANAGERS)),
        "finances:payments": (lambda w: f"{FINANCES}betalingen/", expect(OFFICE_MANAGERS)),
        "finances:payment_delete": (
            lambda w: f"{FINANCES}betalingen/{_fee_payment(w).pk}/verwijderen/",
            expect(OFFICE_MANAGERS),
        ),
        "finances:income_add": (lambda w: f"{FINANCES}inkomsten/nieuw/", expect(OFFICE_MANAGERS)),
        "finances:expense_add": (lambda w: f"{FINANCES}uitgaven/nieuw/", expect(OFFICE_MANAGERS)),
        "finances:export": (lambda w: f"{FINANCES}kasboek-2025.xlsx", expect(OFFICE_MANAGERS)),
    }
)
FINANCE_POSTS = {"finances:legal_form", "finances:payment_delete"}


def _lead_grant_url(world, page: str) -> str:
    """A page of the Utrecht lead's role: that office's leads and POS manage it."""
    return f"/netwerk/rollen/{world.users['lead'].grants.get().pk}/{page}/"


# Roles with their dates: POS keeps every role, an office's leads the roles of their office.
PAGES.update(
    {
        "network:role_list": (lambda w: "/netwerk/rollen/", expect(NATIONAL)),
        "network:office_roles": (
            lambda w: "/netwerk/kantoren/kantoor-utrecht/rollen/",
            expect(OFFICE_MANAGERS),
        ),
        "network:role_dates": (lambda w: _lead_grant_url(w, "data"), expect(OFFICE_MANAGERS)),
        "network:role_end": (lambda w: _lead_grant_url(w, "beeindigen"), expect(OFFICE_MANAGERS)),
    }
)


# Branch organisations (kapstok.branches): POS sees them all; an organisation's own staff see
# theirs (`kapstok/branches/tests/test_matrix.py` runs every page of this matrix for them).
def _organisation(w):
    if not hasattr(w, "organisation"):
        from kapstok.network.factories import BranchOrganisationFactory

        w.organisation = BranchOrganisationFactory(name="NL Actief", slug="nl-actief")
        w.member_entrepreneur.branch_organisations.add(w.organisation)
    return w.organisation


PAGES.update(
    {
        "branches:organisation_list": (lambda w: "/netwerk/brancheorganisaties/", expect(NATIONAL)),
        "branches:organisation_detail": (
            lambda w: f"/netwerk/brancheorganisaties/{_organisation(w).slug}/",
            expect(NATIONAL),
        ),
    }
)


# Offices in founding (kapstok.founding): POS sees and registers them; the checklist page is
# for the office's leads and POS (Kantoor Utrecht keeps its checklist as a record).
def _founding_url(w):
    if not hasattr(w, "founding"):
        from kapstok.founding.models import FoundingChecklist

        w.founding = FoundingChecklist.objects.create(
            office=w.office, started_on=datetime.date(2023, 1, 2)
        )
    return "/netwerk/kantoren/kantoor-utrecht/oprichting/"


# The member check (kapstok.membercheck): the office's members answer, its leads and POS read
# the results; the municipality, partners and researchers (who use the monitor) get neither.
MEMBER_CHECK = "/netwerk/kantoren/kantoor-utrecht/ledencheck/"


def _member_check(w, tail=""):
    """This half year's round, open for the world's offices."""
    if not hasattr(w, "member_check"):
        from kapstok.membercheck.services import round_open

        w.member_check = round_open()
    return f"{MEMBER_CHECK}{tail}"


PAGES.update(
    {
        "founding:overview": (lambda w: "/netwerk/oprichting/", expect(NATIONAL)),
        "founding:register": (lambda w: "/netwerk/oprichting/nieuw/", expect(NATIONAL)),
        "founding:checklist": (_founding_url, expect(OFFICE_MANAGERS)),
        "membercheck:answer": (lambda w: _member_check(w), expect(["member"])),
        "membercheck:results": (
            lambda w: _member_check(w, "uitkomsten/"),
            expect(["lead", *NATIONAL]),
        ),
    }
)


# Calls from the municipality and members' questions to it (kapstok.municall): the office's
# people and its municipality see them; only the municipality writes a call, only the office's
# lead decides, only members answer or ask, only the municipality a question went to answers.
def _municall(w):
    if not hasattr(w, "calls"):
        from kapstok.municall.factories import CallFactory, QuestionFactory
        from kapstok.municall.models import CallStatus, QuestionStatus

        w.calls = {
            "pending": CallFactory(
                office=w.office, municipality=w.utrecht, status=CallStatus.PENDING
            ),
            "open": CallFactory(office=w.office, municipality=w.utrecht),
            "submitted": QuestionFactory(office=w.office, entrepreneur=w.member_entrepreneur),
            "forwarded": QuestionFactory(
                office=w.office,
                entrepreneur=w.member_entrepreneur,
                status=QuestionStatus.FORWARDED,
                municipality=w.utrecht,
                forwarded_subject="Doorgestuurd",
                forwarded_text="Vraag",
            ),
        }
    return w.calls


OPROEPEN = "/netwerk/kantoren/kantoor-utrecht/oproepen/"
VRAGEN = "/netwerk/kantoren/kantoor-utrecht/vragen-aan-gemeente/"
MUNICALL_READERS = [*OFFICE_MANAGERS, "member", "civil_servant"]
PAGES.update(
    {
        "municall:call_list": (lambda w: OPROEPEN, expect(MUNICALL_READERS)),
        "municall:call_create": (lambda w: f"{OPROEPEN}nieuw/", expect(["civil_servant"])),
        "municall:call_detail": (
            lambda w: f"{OPROEPEN}{_municall(w)['open'].pk}/",
            expect(MUNICALL_READERS),
        ),
        "municall:call_approve": (
            lambda w: f"{OPROEPEN}{_municall(w)['pending'].pk}/goedkeuren/",
            expect(["lead"]),
        ),
        # An empty POST lacks the reason and comes back with the form's error (400).
        "municall:call_reject": (
            lambda w: f"{OPROEPEN}{_municall(w)['pending'].pk}/afwijzen/",
            expect(["lead"]) | {"lead": "400"},
        ),
        # An empty answer is a valid "ik doe mee" without a reply.
        "municall:answer_create": (
            lambda w: f"{OPROEPEN}{_municall(w)['open'].pk}/meedoen/",
            expect(["member"]),
        ),
        # Changing an answer the member never gave: the Dutch error on the page (400).
        "municall:answer_change": (
            lambda w: f"{OPROEPEN}{_municall(w)['open'].pk}/reactie-wijzigen/",
            expect(["member"]) | {"member": "400"},
        ),
        "municall:answer_withdraw": (
            lambda w: f"{OPROEPEN}{_municall(w)['open'].pk}/reactie-intrekken/",
            expect(["member"]),
        ),
        "municall:question_list": (lambda w: VRAGEN, expect(MUNICALL_READERS)),
        "municall:question_create": (lambda w: f"{VRAGEN}nieuw/", expect(["member"])),
        "municall:question_detail": (
            lambda w: f"{VRAGEN}{_municall(w)['forwarded'].pk}/",
            expect(MUNICALL_READERS),
        ),
        "municall:question_forward": (
            lambda w: f"{VRAGEN}{_municall(w)['submitted'].pk}/doorsturen/",
            expect(["lead"]) | {"lead": "400"},
        ),
        "municall:question_decline": (
            lambda w: f"{VRAGEN}{_municall(w)['submitted'].pk}/afwijzen/",
            expect(["lead"]) | {"lead": "400"},
        ),
        "municall:question_answer": (
            lambda w: f"{VRAGEN}{_municall(w)['forwarded'].pk}/beantwoorden/",
            expect(["civil_servant"]) | {"civil_servant": "400"},
        ),
    }
)
MUNICALL_POSTS = {
    "municall:call_approve",
    "municall:call_reject",
    "municall:answer_create",
    "municall:answer_change",
    "municall:answer_withdraw",
    "municall:question_forward",
    "municall:question_decline",
    "municall:question_answer",
}


# Sports clubs (kapstok.clubs): the network's insiders and the municipalities' contacts see the
# registry (others: 404 on a club); POS, the municipality's contacts and the leads of an office
# in that municipality manage its clubs (the former lead: those of Kantoor Amersfoort).
def _club(w):
    if not hasattr(w, "club"):
        from kapstok.clubs.factories import SportsClubFactory

        w.club = SportsClubFactory(name="Hockeyclub De Wielewaal", municipality=w.utrecht)
    return w.club


CLUBS = "/netwerk/sportverenigingen/"
CLUB_READERS = [*OFFICE_PEOPLE, "other_lead", "other_member", "other_civil_servant"]
CLUB_READERS += ["other_partner"]
CLUB_IMPORTERS = [*OFFICE_MANAGERS, "civil_servant", "other_lead", "other_civil_servant"]
CLUB_MANAGERS = expect([*OFFICE_MANAGERS, "civil_servant"]) | {
    "researcher": "404",
    "outsider": "404",
}
PAGES.update(
    {
        "clubs:list": (lambda w: CLUBS, expect(CLUB_READERS)),
        "clubs:create": (
            lambda w: f"{CLUBS}nieuw/",
            expect(CLUB_IMPORTERS),
        ),
        "clubs:import": (
            lambda w: f"{CLUBS}importeren/",
            expect(CLUB_IMPORTERS),
        ),
        "clubs:detail": (lambda w: f"{CLUBS}{_club(w).pk}/", expect(CLUB_READERS, denied="404")),
        "clubs:edit": (lambda w: f"{CLUBS}{_club(w).pk}/bewerken/", CLUB_MANAGERS),
        "clubs:delete": (lambda w: f"{CLUBS}{_club(w).pk}/verwijderen/", CLUB_MANAGERS),
        "clubs:link": (lambda w: f"{CLUBS}{_club(w).pk}/koppelen/", CLUB_MANAGERS),
        "clubs:unlink": (
            lambda w: f"{CLUBS}{_club(w).pk}/ontkoppelen/practice/1/",
            CLUB_MANAGERS,
        ),
        # The regional exchange board: for the people of an office (leads and members).
        "peers:regional_board": (
            lambda w: "/netwerk/uitwisselbord/regio/",
            expect(["lead", "member", "other_lead", "other_member"]),
        ),
    }
)
CLUB_POSTS = {"clubs:link", "clubs:unlink"}

# Endpoints that only take POST (an empty POST is enough to reach the access check).
POST_ONLY = {"goals:project_progress", "progress:signal_acknowledge", "network:claim_withdraw"}
POST_ONLY |= SESSION_POSTS
POST_ONLY |= REPRESENTATION_POSTS
POST_ONLY |= SUPPORT_POSTS
POST_ONLY |= PEERS_POSTS
POST_ONLY |= MESSAGING_POSTS
POST_ONLY |= {"trust:erase", "trust:consent_withdraw"}
POST_ONLY |= MONITOR_POSTS
POST_ONLY |= CODING_POSTS
POST_ONLY |= INFLUENCE_POSTS | AGREEMENT_POSTS
POST_ONLY |= NATIONAL_POSITION_POSTS
POST_ONLY |= COMMUNITY_POSTS
POST_ONLY |= MUNICALL_POSTS
POST_ONLY |= FINANCE_POSTS
POST_ONLY |= CLUB_POSTS

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
    _outside_insiders(world)
    _plant_secrets(world)
    return world


def _outside_insiders(world) -> None:
    """Insiders of the network who have no rights on Kantoor Utrecht (see `EVERYONE`)."""
    from kapstok.accounts.factories import UserFactory
    from kapstok.accounts.models import Role
    from kapstok.accounts.services import grant_role
    from kapstok.network.factories import MembershipFactory, OfficeFactory, PartnerFactory

    amersfoort = OfficeFactory(name="Kantoor Amersfoort", slug="kantoor-amersfoort")
    MembershipFactory(
        office=amersfoort,
        entrepreneur=world.member_entrepreneur,
        joined_on=datetime.date(2020, 1, 1),
        left_on=datetime.date(2023, 1, 1),
    )
    world.other_partner = PartnerFactory(
        name="Procesbegeleiding Oost", offices=[world.other_office]
    )
    scopes = {
        "former_lead": (Role.LEAD, amersfoort),
        "other_civil_servant": (Role.CIVIL_SERVANT, world.zwolle),
        "other_partner": (Role.PARTNER_STAFF, world.other_partner),
    }
    for name, (role, scope) in scopes.items():
        user = UserFactory(email=f"{name.replace('_', '-')}@example.invalid", full_name=name)
        grant_role(user=user, role=role, scope=scope)
        world.users[name] = user


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
        if leaked := secrets_leaked(response, persona):
            wrong[persona] = f"{wrong.get(persona, 'shown')} with {leaked}"
    assert not wrong, f"{page} {url}: {wrong}"


# Text planted in the matrix world that only some personas may ever read, on any page, summary
# or export (`_plant_secrets`): another office's member's contact details, this office's
# member's contact details, and the subject of a message still waiting for the lead's approval.
SECRETS = {
    "zwolle-geheim@example.invalid": {"pos", "admin", "other_lead", "other_member"},
    "0599-111222": {"pos", "admin", "other_lead", "other_member"},
    "utrecht-geheim@example.invalid": {"pos", "admin", "lead", "member"},
    "0300-333444": {"pos", "admin", "lead", "member"},
    "Onderwerp-alleen-voor-afzenders": {"pos", "admin", "lead", "civil_servant"},
}
TEXT_TYPES = ("text/", "application/json", "application/problem+json")


def secrets_leaked(response, persona: str) -> list[str]:
    if not response.get("Content-Type", "").startswith(TEXT_TYPES):
        return []
    if getattr(response, "streaming", False):
        return []
    body = response.content.decode(errors="replace")
    return [
        secret for secret, readers in SECRETS.items() if persona not in readers and secret in body
    ]


def _plant_secrets(world) -> None:
    from kapstok.messaging.models import OfficeMessage

    for entrepreneur, email, phone in (
        (world.other_entrepreneur, "zwolle-geheim@example.invalid", "0599-111222"),
        (world.member_entrepreneur, "utrecht-geheim@example.invalid", "0300-333444"),
    ):
        entrepreneur.email, entrepreneur.phone = email, phone
        entrepreneur.save()
    OfficeMessage.objects.create(
        office=world.office,
        sender_kind="municipality",
        municipality=world.utrecht,
        author=world.users["civil_servant"],
        sender_label="Gemeente Utrecht",
        subject="Onderwerp-alleen-voor-afzenders",
        body="Wacht op de kartrekker.",
    )


@pytest.mark.parametrize("persona", SIGNED_IN)
def test_admin_is_for_site_admins_only(persona, matrix_world, client):
    client.force_login(matrix_world.users[persona])
    response = client.get("/admin/")
    assert response.status_code == (200 if persona == "admin" else 302)
