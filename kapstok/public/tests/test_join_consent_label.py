"""The join form's consent label reads as one sentence on a phone (issue 17: it read
"Ik ga akkoord met      privacyverklaring ." because each piece of it was its own flex item)."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_consent_label_keeps_its_sentence_and_link_in_one_box(world, client):
    html = client.get("/kantoren/kantoor-utrecht/aanmelden/").content.decode()

    labels = re.findall(r'<label class="checkbox">(.*?)</label>', html, re.S)
    [label] = [label for label in labels if "privacyverklaring" in label]
    # The checkbox and one box around the whole sentence: the flex layout sets them side by
    # side without pulling the sentence apart at its link.
    assert re.fullmatch(r"\s*<input [^>]+>\s*<span>(.*)</span>\s*", label, re.S), label
    sentence = re.sub(r"<[^>]+>", "", label).split()
    assert " ".join(sentence) == "Ik ga akkoord met de privacyverklaring."
