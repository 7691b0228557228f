"""Stable, short pseudonyms for offices and respondents in research exports.

A pseudonym is a keyed hash (HMAC-SHA256) of what it stands for: the key is a secret of the
platform (never shown to researchers), and the message holds the research project's salt, the
kind of subject and its identity. So:

- the same office gets the same pseudonym in every wave of a project (same salt, same identity);
- two projects give the same office different pseudonyms (different salts), so exports of two
  projects cannot be linked without the platform;
- without the secret, nobody can compute a pseudonym from a name or check a guess.

Pseudonyms are short enough to read aloud: a prefix per kind and the first hex digits of the
hash, ``K-7F3A`` for an office (kantoor), ``R-19C2`` for a respondent. Four digits give 65,536
codes, so two subjects of one project may share them; `pseudonym` takes a `length`, and the
caller (which knows the codes already given in the project) asks for a longer one on a clash:
the longer code starts with the shorter one and is just as stable.

>>> key = b"geheim"
>>> pseudonym(key, "salt-1", "office", 12)
'K-2430'
>>> pseudonym(key, "salt-1", "office", 12) == pseudonym(key, "salt-1", "office", 12)
True
>>> pseudonym(key, "salt-2", "office", 12) != pseudonym(key, "salt-1", "office", 12)
True
>>> pseudonym(key, "salt-1", "office", 12, length=6)
'K-24307E'
"""

import hashlib
import hmac

PREFIXES = {"office": "K", "respondent": "R", "coder": "C"}
DEFAULT_LENGTH = 4
MAX_LENGTH = 16


def subject_digest(secret: bytes, salt: str, kind: str, identity: object) -> str:
    """The full keyed hash (64 hex digits) of a subject; pseudonyms are its first digits.

    Stored instead of the identity itself, so the table of given pseudonyms holds no email.
    """
    if kind not in PREFIXES:
        raise ValueError(f"unknown kind of subject: {kind}")
    message = f"{salt}\x1f{kind}\x1f{identity}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest().upper()


def code_of(kind: str, digest: str, length: int = DEFAULT_LENGTH) -> str:
    """The readable code: the kind's prefix and the first `length` digits of the digest."""
    if not DEFAULT_LENGTH <= length <= MAX_LENGTH:
        raise ValueError(f"length must be {DEFAULT_LENGTH}–{MAX_LENGTH}")
    return f"{PREFIXES[kind]}-{digest[:length]}"


def pseudonym(
    secret: bytes, salt: str, kind: str, identity: object, *, length: int = DEFAULT_LENGTH
) -> str:
    """The pseudonym of `identity` (an id or a normalised email) of `kind` in one project."""
    return code_of(kind, subject_digest(secret, salt, kind, identity), length)


def free_code(kind: str, digest: str, taken: set[str]) -> str:
    """The shortest code of the subject with this digest that is not in `taken`.

    >>> digest = subject_digest(b"k", "s", "office", 1)
    >>> first = code_of("office", digest)
    >>> free_code("office", digest, {first}) == code_of("office", digest, 5)
    True
    """
    for length in range(DEFAULT_LENGTH, MAX_LENGTH + 1):
        code = code_of(kind, digest, length)
        if code not in taken:
            return code
    raise ValueError("no free pseudonym")  # 16 hex digits clash: not in this universe
