"""Rate limits on what an anonymous visitor can set off (`kapstok.core.throttle`).

A limit allows `limit` attempts per identity in a window that opens with the first attempt;
identities are compared case-insensitively and never stored in the clear; mail to a typed
address is limited per address and per client, and both counts go up whatever the outcome.
"""

from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory

from kapstok.core import throttle
from kapstok.core.throttle import Limit

THREE = Limit("test", 3, 60)


def request_from(ip="10.0.0.1"):
    return RequestFactory().post("/", REMOTE_ADDR=ip)


def test_a_limit_allows_its_number_of_attempts_and_refuses_the_next():
    assert [throttle.allow(THREE, "10.0.0.1") for _ in range(4)] == [True, True, True, False]


def test_each_identity_and_each_scope_counts_on_its_own():
    for _ in range(3):
        throttle.allow(THREE, "10.0.0.1")
    assert throttle.allow(THREE, "10.0.0.2")
    assert throttle.allow(Limit("other", 3, 60), "10.0.0.1")


def test_an_email_address_counts_the_same_in_any_case():
    for _ in range(3):
        throttle.allow(THREE, "Sanne@Example.invalid")
    assert not throttle.allow(THREE, "sanne@example.invalid")


def test_exceeded_looks_without_counting():
    throttle.allow(THREE, "10.0.0.1")
    throttle.allow(THREE, "10.0.0.1")
    assert not throttle.exceeded(THREE, "10.0.0.1")
    assert not throttle.exceeded(THREE, "10.0.0.1")  # looking did not use an attempt
    throttle.allow(THREE, "10.0.0.1")
    assert throttle.exceeded(THREE, "10.0.0.1")


def test_the_cache_never_holds_the_identity_in_the_clear():
    key = throttle._key(THREE, "sanne@example.invalid")
    assert "sanne" not in key and "example" not in key
    assert key.startswith("throttle:test:")
    assert settings.SECRET_KEY not in key


def test_a_window_that_ended_starts_counting_again():
    for _ in range(4):
        throttle.allow(THREE, "10.0.0.1")
    cache.delete(throttle._key(THREE, "10.0.0.1"))  # the window expired
    assert throttle.allow(THREE, "10.0.0.1")


def test_three_mails_an_hour_to_one_address_then_none():
    results = [
        throttle.mail_allowed(request_from(f"10.0.0.{n}"), "join", " sanne@example.invalid ")
        for n in range(4)
    ]
    assert results == [True, True, True, False]


def test_each_kind_of_mail_has_its_own_count_per_address():
    for _ in range(3):
        throttle.mail_allowed(request_from(), "join", "sanne@example.invalid")
    assert throttle.mail_allowed(request_from("10.0.0.9"), "contact", "sanne@example.invalid")


def test_one_client_sets_off_at_most_ten_mails_an_hour_to_any_addresses():
    client = request_from("10.9.9.9")
    results = [
        throttle.mail_allowed(client, "join", f"adres{n}@example.invalid") for n in range(11)
    ]
    assert results == [True] * 10 + [False]


def test_a_refused_client_still_uses_up_the_address_count():
    client = request_from("10.9.9.9")
    for n in range(10):
        throttle.mail_allowed(client, "join", f"adres{n}@example.invalid")
    for _ in range(3):
        assert not throttle.mail_allowed(client, "join", "sanne@example.invalid")
    assert not throttle.mail_allowed(request_from("10.0.0.1"), "join", "sanne@example.invalid")


def test_the_client_is_the_servers_view_of_the_address_not_a_header():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert throttle.client_ip(request) == "10.0.0.5"
    assert throttle.client_ip(RequestFactory().get("/", REMOTE_ADDR="")) == "unknown"
