"""Pseudonyms of offices, respondents and coders in one research project (the ORM side).

The codes come from `kapstok.analysis.pseudonyms` (a keyed hash with the project's salt); the
`Pseudonym` table remembers which code each subject got, by the subject's hash, so that a clash
of two short codes is settled once and nobody's pseudonym changes afterwards.

The key may be rotated: list the earlier keys in `KAPSTOK_PSEUDONYM_OLD_KEYS` (and, while the
SECRET_KEY serves as the key, the earlier SECRET_KEYs in `SECRET_KEY_FALLBACKS`). A subject not
found under the current key is looked up under each earlier one; its pseudonym is kept and its
row moved to the current key's hash. An earlier key can go once every subject has been asked for
again; a key dropped too soon gives the subjects not yet moved a new pseudonym. Every page and
export of research data names subjects only through these functions.

    offices = office_pseudonyms(project, [office.pk for office in offices])  # {id: "K-7F3A"}
    people = respondent_pseudonyms(project, invitations)  # {invitation id: "R-19C2"}
"""

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.db import IntegrityError, transaction

from kapstok.analysis.pseudonyms import free_code, subject_digest

from .models import Pseudonym, SubjectKind

ATTEMPTS = 3  # two exports creating the same pseudonyms at once: the loser reads the winner's


def pseudonym_secret() -> bytes:
    """The platform's key: `KAPSTOK_PSEUDONYM_KEY` if set, else the SECRET_KEY."""
    key = getattr(settings, "KAPSTOK_PSEUDONYM_KEY", "") or settings.SECRET_KEY
    return key.encode()


def earlier_secrets() -> list[bytes]:
    """The keys used before a rotation, newest first: `KAPSTOK_PSEUDONYM_OLD_KEYS`, and the
    SECRET_KEY_FALLBACKS while the SECRET_KEY is the key."""
    keys = list(getattr(settings, "KAPSTOK_PSEUDONYM_OLD_KEYS", []))
    if not getattr(settings, "KAPSTOK_PSEUDONYM_KEY", ""):
        keys += list(getattr(settings, "SECRET_KEY_FALLBACKS", []))
    current = pseudonym_secret()
    return [key.encode() for key in keys if key and key.encode() != current]


def pseudonyms_for(project, kind: str, identities: Mapping) -> dict:
    """{key: pseudonym} for `identities` ({key: stable identity string}) of one kind."""
    secret = pseudonym_secret()
    digests = {
        key: subject_digest(secret, project.pseudonym_salt, kind, identity)
        for key, identity in identities.items()
    }
    for _attempt in range(ATTEMPTS):
        given = dict(
            Pseudonym.objects.filter(
                project=project, kind=kind, subject__in=set(digests.values())
            ).values_list("subject", "code")
        )
        missing = sorted(set(digests.values()) - set(given))
        if not missing:
            return {key: given[digest] for key, digest in digests.items()}
        try:
            missing = _rekey(project, kind, identities, digests, missing)
            _give(project, kind, missing)
        except IntegrityError:
            continue
    raise RuntimeError("could not give pseudonyms")  # pragma: no cover


def _rekey(project, kind: str, identities: Mapping, digests: Mapping, missing: list) -> list:
    """Move rows given under an earlier key to the current key's hash; returns what is still
    missing after that."""
    missing = set(missing)
    for old_secret in earlier_secrets():
        if not missing:
            break
        old_digests = {
            subject_digest(old_secret, project.pseudonym_salt, kind, identity): digests[key]
            for key, identity in identities.items()
            if digests[key] in missing
        }
        found = Pseudonym.objects.filter(project=project, kind=kind, subject__in=old_digests)
        with transaction.atomic():
            for row in found.select_for_update():
                row.subject = old_digests[row.subject]
                row.save(update_fields=["subject"])
                missing.discard(row.subject)
    return sorted(missing)


def _give(project, kind: str, digests: list[str]) -> None:
    taken = set(Pseudonym.objects.filter(project=project).values_list("code", flat=True))
    rows = []
    for digest in digests:
        code = free_code(kind, digest, taken)
        taken.add(code)
        rows.append(Pseudonym(project=project, kind=kind, subject=digest, code=code))
    with transaction.atomic():
        Pseudonym.objects.bulk_create(rows)


def office_pseudonyms(project, office_ids: Iterable[int]) -> dict[int, str]:
    return pseudonyms_for(project, SubjectKind.OFFICE, {pk: f"office:{pk}" for pk in office_ids})


def respondent_identity(invitation) -> str:
    """The same person across waves: their account if they have one, else their email."""
    if invitation.respondent_id:
        return f"user:{invitation.respondent_id}"
    return f"email:{invitation.email.strip().casefold()}"


def respondent_pseudonyms(project, invitations: Iterable) -> dict[int, str]:
    """{invitation id: pseudonym}; two invitations of one person share it."""
    identities = {inv.pk: respondent_identity(inv) for inv in invitations}
    return pseudonyms_for(project, SubjectKind.RESPONDENT, identities)


def coder_pseudonyms(project, user_ids: Iterable[int]) -> dict[int, str]:
    return pseudonyms_for(project, SubjectKind.CODER, {pk: f"user:{pk}" for pk in user_ids})


STANDING_PROJECT_NAME = "Monitor POS-kantoren"


def standing_project():
    """The yearly monitor's own project, made on first use (one per platform)."""
    from .models import ResearchProject

    project = ResearchProject.objects.filter(is_standing=True).first()
    if project is None:
        try:
            with transaction.atomic():
                project = ResearchProject.objects.create(
                    name=STANDING_PROJECT_NAME, is_standing=True
                )
        except IntegrityError:
            project = ResearchProject.objects.get(is_standing=True)
    return project


def project_for_wave(wave):
    """The project whose pseudonyms a wave is shown with: the oldest project it belongs to,
    else the standing monitor project."""
    project = wave.research_projects.order_by("created_at", "pk").first()
    return project or standing_project()


def office_pseudonym(office_id: int, *, wave=None, project=None) -> str:
    """One office's pseudonym (for lists, use `office_pseudonyms`: one query for all)."""
    project = project or (project_for_wave(wave) if wave else standing_project())
    return office_pseudonyms(project, [office_id])[office_id]


def respondent_pseudonym(invitation_id: int, *, project=None) -> str:
    """One respondent's pseudonym, in the project of the invitation's wave by default."""
    from kapstok.monitor.models import Invitation

    invitation = Invitation.objects.select_related("wave").get(pk=invitation_id)
    project = project or project_for_wave(invitation.wave)
    return respondent_pseudonyms(project, [invitation])[invitation_id]
