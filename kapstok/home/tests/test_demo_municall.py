"""The demo's calls and questions (`demo_municall`), seeded into five small offices A–E: the
story's states are there, and the municipality's view keeps the quiet members unknown."""

import datetime

import pytest

from kapstok.accounts.access import viewer_for
from kapstok.accounts.factories import UserFactory
from kapstok.accounts.models import Role, User
from kapstok.accounts.services import grant_role
from kapstok.home.demo_municall import municall_seed
from kapstok.municall import selectors
from kapstok.municall.models import Call, CallStatus, Question, QuestionStatus
from kapstok.network.factories import (
    EntrepreneurFactory,
    MembershipFactory,
    MunicipalityFactory,
    OfficeFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


@pytest.fixture
def offices():
    built = {}
    for number, letter in enumerate("ABCDE"):
        municipality = MunicipalityFactory(code=f"GM09{number}0", name=f"Gemeente {letter}")
        office = OfficeFactory(name=f"Kantoor {letter}", municipalities=[municipality])
        for n in range(6):
            MembershipFactory(
                office=office,
                entrepreneur=EntrepreneurFactory(business_name=f"{letter}-lid {n}"),
                joined_on=datetime.date(2023, 1, 1 + n),
            )
        lead = UserFactory(email=f"lead-{letter.lower()}@demo.invalid")
        grant_role(user=lead, role=Role.LEAD, scope=office)
        built[letter] = office
    servant = UserFactory(email="gemeente-a@demo.invalid")
    grant_role(user=servant, role=Role.CIVIL_SERVANT, scope=built["A"].municipalities.get())
    return built


@pytest.fixture
def seeded(offices):
    member_a = offices["A"].memberships.order_by("joined_on").first().entrepreneur
    account = UserFactory(email="member-a@demo.invalid")
    grant_role(user=account, role=Role.MEMBER, scope=member_a)
    municall_seed(offices=offices, today=TODAY, member_a=member_a, password_hash="x")
    return offices


def test_every_office_has_its_call_in_its_state(seeded):
    states = {
        call.office.name[-1]: (call.title, call.status, call.is_open_on(TODAY))
        for call in Call.objects.select_related("office")
    }

    assert states == {
        "E": ("Sportdag voor ouderen", CallStatus.OPEN, True),
        "A": ("Beweegaanbod in de wijk", CallStatus.OPEN, True),
        "B": ("Gezonde schoolpleinen", CallStatus.OPEN, False),
        "C": ("Meedenken over de nieuwe sportnota", CallStatus.PENDING, False),
        "D": ("Zwemles voor nieuwkomers", CallStatus.REJECTED, False),
    }


def test_answers_came_in_time_and_only_some_opted_in(seeded):
    sports_day = Call.objects.get(title="Sportdag voor ouderen")
    closed = Call.objects.get(title="Gezonde schoolpleinen")

    assert sports_day.answers.count() == 6
    assert sports_day.answers.filter(shares_contact=True).count() == 3
    assert closed.answers.count() == 3
    assert all(a.answered_at.date() <= closed.deadline for a in closed.answers.all())


def test_member_a_is_asked_to_join_and_reads_the_answer_to_their_question(seeded):
    member_a = viewer_for(User.objects.get(email="member-a@demo.invalid"))

    titles = [item.title for item in selectors.calls_to_answer(member_a, today=TODAY)]
    outcomes = [item.title for item in selectors.question_outcomes(member_a)]

    assert titles == ["Oproep van gemeente Gemeente A: ‘Beweegaanbod in de wijk’. Doet u mee?"]
    assert outcomes == ["De gemeente beantwoordde uw vraag: ‘Lesgeven in het park’"]


def test_questions_stand_in_every_state(seeded):
    states = sorted(Question.objects.values_list("status", flat=True))

    assert states == sorted(
        [
            QuestionStatus.ANSWERED,
            QuestionStatus.SUBMITTED,
            QuestionStatus.FORWARDED,
            QuestionStatus.DECLINED,
            QuestionStatus.ANSWERED,
        ]
    )
    assert Question.objects.get(status=QuestionStatus.DECLINED).decline_reason


def test_civil_servants_of_c_d_and_e_get_demo_accounts(seeded):
    for letter in "cde":
        user = User.objects.get(email=f"gemeente-{letter}@demo.invalid")
        assert user.grants.filter(role=Role.CIVIL_SERVANT).exists()


def test_the_municipality_of_e_counts_six_and_knows_three(seeded):
    servant = viewer_for(User.objects.get(email="gemeente-e@demo.invalid"))
    answers = selectors.answers_for(servant, Call.objects.get(title="Sportdag voor ouderen"))

    assert (answers["count"], len(answers["shown"]), answers["hidden"]) == (6, 3, 3)
