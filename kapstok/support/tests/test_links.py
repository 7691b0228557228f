"""Linking a practice from the peers library or a knowledge article to a request.

The handler links, the office reads the links with the conversation, as far as it may see them
(`practices_visible_to`); knowledge articles are kept by POS, their text is shown escaped.
"""

from kapstok.peers.models import Practice, PracticeStatus, Visibility
from kapstok.peers.services import practice_save
from kapstok.support.models import KnowledgeArticle, Status

KNOWLEDGE = "/netwerk/ondersteuning/kennisbank/"


def _url(req, action=""):
    return f"/netwerk/ondersteuning/vragen/{req.pk}/{action}"


def _practice(office, title="Lokale sportdag", status=PracticeStatus.PUBLISHED):
    return practice_save(
        practice=Practice(
            office=office,
            title=title,
            what=f"{title}, georganiseerd door het kantoor.",
            status=status,
            visibility=Visibility.INTERNAL,
        )
    )


def _article(**fields):
    defaults = {"title": "Vereniging of stichting", "summary": "Wat past bij een kantoor?"}
    return KnowledgeArticle.objects.create(**(defaults | {"body": "Tekst."} | fields))


def test_pos_links_a_practice_and_the_office_reads_it_with_the_conversation(
    world, login, support_request
):
    practice = _practice(world.other_office)
    response = login(world.users["pos"]).post(
        _url(support_request, "koppelen/"), {"practice": practice.pk}
    )
    assert response.status_code == 302
    assert list(support_request.practices.all()) == [practice]

    page = login(world.users["lead"]).get(_url(support_request))
    assert list(page.context["linked_practices"]) == [practice]
    assert practice.get_absolute_url() in page.content.decode()
    assert "Ontkoppelen" not in page.content.decode()  # only handlers unlink


def test_a_practice_no_longer_published_is_hidden_from_the_office_but_not_from_pos(
    world, login, support_request
):
    practice = _practice(world.other_office)
    support_request.practices.add(practice)
    Practice.objects.filter(pk=practice.pk).update(status=PracticeStatus.DRAFT)

    assert not login(world.users["member"]).get(_url(support_request)).context["linked_practices"]
    assert list(
        login(world.users["pos"]).get(_url(support_request)).context["linked_practices"]
    ) == [practice]


def test_a_draft_practice_cannot_be_linked(world, login, support_request):
    draft = _practice(world.other_office, status=PracticeStatus.DRAFT)
    response = login(world.users["pos"]).post(
        _url(support_request, "koppelen/"), {"practice": draft.pk}
    )
    assert response.status_code == 400
    assert "niet gepubliceerd" in response.content.decode()
    assert not support_request.practices.exists()


def test_handler_finds_practices_to_link_by_dutch_search(world, login, support_request):
    day = _practice(world.other_office, "Lokale sportdag")
    _practice(world.other_office, "Bord langs de weg")
    client = login(world.users["pos"])

    found = client.get(_url(support_request), {"praktijk": "sportdagen"}).context
    assert list(found["practice_results"]) == [day]

    support_request.practices.add(day)  # what is linked already is not offered again
    assert not client.get(_url(support_request), {"praktijk": "sportdag"}).context[
        "practice_results"
    ]
    stop_words = client.get(_url(support_request), {"praktijk": "de het een"})
    assert "alleen veelvoorkomende woorden" in stop_words.content.decode()


def test_pos_links_a_knowledge_article_which_the_office_opens(world, login, support_request):
    article = _article(body="<script>alert('x')</script>\nTwee regels.")
    client = login(world.users["pos"])
    response = client.post(_url(support_request, "koppelen/"), {"article": article.pk})
    assert response.status_code == 302

    lead = login(world.users["lead"])
    assert list(lead.get(_url(support_request)).context["linked_articles"]) == [article]
    body = lead.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert" in body
    assert "<script>alert" not in body


def test_an_unpublished_article_is_neither_linked_nor_shown(world, login, support_request):
    draft = _article(published=False)
    response = login(world.users["pos"]).post(
        _url(support_request, "koppelen/"), {"article": draft.pk}
    )
    assert response.status_code == 400
    assert "Kies een kennisartikel uit de lijst" in response.content.decode()

    support_request.articles.add(draft)  # e.g. unpublished after it was linked
    assert not login(world.users["lead"]).get(_url(support_request)).context["linked_articles"]
    assert login(world.users["lead"]).get(draft.get_absolute_url()).status_code == 404


def test_the_office_cannot_link(world, login, support_request):
    practice = _practice(world.other_office)
    response = login(world.users["lead"]).post(
        _url(support_request, "koppelen/"), {"practice": practice.pk}
    )
    assert response.status_code == 403
    assert not support_request.practices.exists()


def test_the_assigned_partner_links_like_pos(world, login, support_request):
    support_request.partner = world.partner
    support_request.save()
    article = _article()
    login(world.users["partner"]).post(_url(support_request, "koppelen/"), {"article": article.pk})
    assert list(support_request.articles.all()) == [article]


def test_linking_to_a_closed_request_is_refused_in_dutch(world, login, support_request):
    support_request.status = Status.CLOSED
    support_request.save()
    response = login(world.users["pos"]).post(
        _url(support_request, "koppelen/"), {"article": _article().pk}
    )
    assert response.status_code == 400
    assert "Deze vraag is gesloten" in response.content.decode()
    assert not support_request.articles.exists()


def test_linking_is_no_answer_so_the_response_clock_keeps_running(world, login, support_request):
    login(world.users["pos"]).post(_url(support_request, "koppelen/"), {"article": _article().pk})
    support_request.refresh_from_db()
    assert support_request.first_response_at is None
    assert support_request.status == Status.NEW


def test_handler_unlinks(world, login, support_request):
    practice, article = _practice(world.other_office), _article()
    support_request.practices.add(practice)
    support_request.articles.add(article)
    client = login(world.users["pos"])
    client.post(_url(support_request, "ontkoppelen/"), {"practice": practice.pk})
    client.post(_url(support_request, "ontkoppelen/"), {"article": article.pk})
    assert not support_request.practices.exists() and not support_request.articles.exists()
    assert Practice.objects.filter(pk=practice.pk).exists()  # only the link goes


def test_pos_writes_an_article_with_a_url_or_a_text(world, login):
    client = login(world.users["pos"])
    empty = client.post(f"{KNOWLEDGE}nieuw/", {"title": "Subsidies", "summary": "Overzicht"})
    assert empty.status_code == 200
    assert "Vul een webadres of een tekst in." in empty.content.decode()
    assert 'value="Subsidies"' in empty.content.decode()  # nothing lost

    bad = client.post(
        f"{KNOWLEDGE}nieuw/", {"title": "Subsidies", "summary": "x", "url": "javascript:alert(1)"}
    )
    assert "Vul een geldig webadres in" in bad.content.decode()

    saved = client.post(
        f"{KNOWLEDGE}nieuw/",
        {"title": "Subsidies", "summary": "Overzicht", "url": "https://example.org/subsidies"},
    )
    article = KnowledgeArticle.objects.get()
    assert saved["Location"] == article.get_absolute_url()
    assert article.published is False  # an unticked checkbox: a draft until POS publishes
    assert "Subsidies" in client.get(KNOWLEDGE).content.decode()


def test_only_pos_keeps_the_knowledge_base(world, login):
    article = _article()
    for persona in ("lead", "partner", "civil_servant"):
        client = login(world.users[persona])
        assert client.get(KNOWLEDGE).status_code == 403
        assert client.post(f"{KNOWLEDGE}{article.pk}/bewerken/", {"title": "x"}).status_code == 403
    assert login(world.users["civil_servant"]).get(article.get_absolute_url()).status_code == 404
