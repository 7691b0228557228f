"""What research pages and exports say about an office: its type, after disclosure control.

Researchers know an office only by its pseudonym and its type: size, initiative and phase,
as it was in each wave (the wave's snapshot, else today's figures). Size and initiative are
public too (the office pages and the map give every office's member count and initiative;
the municipality pages show its phase to anyone signed in), so the type is generalised with
`kapstok.analysis.disclosure` before anyone sees it: sizes in bands, and every office shares
what is shown about it, over all waves of the research project, with at least `K - 1` other
offices of the project (k-anonymity). The same release is used on every page and in the export
of a project, so two views cannot be combined into more than one of them shows.

    types = project_office_types(project)
    types.labels(wave.pk, office.pk)  # {"initiative": "gemeente", "size": "≥ 25", "phase": "…"}

The monitor's own pages use the release of the project a wave is shown under
(`pseudonyms.project_for_wave`); POS staff, who see real names there, see real figures.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kapstok.analysis import disclosure
from kapstok.monitor.models import Invitation, Snapshot, Wave
from kapstok.network.models import Initiative, Office
from kapstok.progress.texts import PHASE_LABELS

K = 3
MAX_SUPPRESSED = 0.1  # at most this share of a project's offices may have everything hidden
ATTRIBUTES = (disclosure.SIZE, disclosure.INITIATIVE, disclosure.PHASE)

STAGE_LABELS = {
    "early": gettext_lazy("opgericht, netwerk bouwen of strategie bepalen"),
    "late": gettext_lazy("uitvoeren of geborgd"),
}


def project_waves(project):
    """The waves whose offices a project's pages show: its own; for the standing monitor
    project also every wave no other project claims (`pseudonyms.project_for_wave`)."""
    if project.is_standing:
        return Wave.objects.filter(Q(research_projects=None) | Q(research_projects=project))
    return project.waves.all()


def office_facts(wave_offices: set[tuple[int, int]]) -> dict[tuple[int, int], dict]:
    """{(wave id, office id): {"size": members, "initiative": code, "phase": code}}, raw.

    From the wave's snapshot where there is one (the office as it was when the wave closed),
    else from today's member count and phase.
    """
    office_ids = {office_id for _wave, office_id in wave_offices}
    offices = {o.pk: o for o in Office.objects.with_member_count().filter(pk__in=office_ids)}
    snapshots = {
        (s.wave_id, s.office_id): s.indicators or {}
        for s in Snapshot.objects.filter(
            wave_id__in={w for w, _o in wave_offices}, office_id__in=office_ids
        )
    }
    missing = {o for (w, o) in wave_offices if (w, o) not in snapshots and o in offices}
    phases_now = _phases_now([offices[o] for o in sorted(missing)])
    facts = {}
    for key in wave_offices:
        office = offices.get(key[1])
        if office is None:
            continue
        snapshot = snapshots.get(key, {})
        members = snapshot.get("members")
        facts[key] = {
            "size": members if members is not None else office.member_count,
            "initiative": office.initiative,
            "phase": snapshot.get("phase") or phases_now.get(office.pk),
        }
    return facts


def _phases_now(offices: list) -> dict[int, str]:
    if not offices:
        return {}
    from kapstok.progress.facts import office_phases

    return {pk: result.phase for pk, result in office_phases(offices).items()}


@dataclass(frozen=True)
class OfficeTypes:
    """The disclosure-controlled types of a project's offices, as Dutch labels."""

    release: disclosure.Release

    @property
    def anonymous(self) -> bool:
        return self.release.anonymous

    def values(self, wave_id: int, office_id: int) -> dict:
        """{"size", "initiative", "phase"}: generalised codes (`disclosure.SUPPRESSED` when
        hidden)."""
        return self.release.shown(office_id, wave_id)

    def labels(self, wave_id: int, office_id: int) -> dict[str, str]:
        shown = self.values(wave_id, office_id)
        return {
            "size": _label(shown["size"], {}),
            "initiative": _label(shown["initiative"], dict(Initiative.choices)),
            "phase": _label(shown["phase"], {**PHASE_LABELS, **STAGE_LABELS}),
        }


def _label(value, labels) -> str:
    if value == disclosure.SUPPRESSED:
        return _("afgeschermd")
    return str(labels.get(value, value))


def office_types_for(wave_offices: set[tuple[int, int]]) -> OfficeTypes:
    """The release over these (wave, office) pairs (one research project's)."""
    records: dict = {}
    for (wave_id, office_id), facts in office_facts(wave_offices).items():
        records.setdefault(office_id, {})[wave_id] = facts
    release = disclosure.k_anonymise(records, ATTRIBUTES, k=K, max_suppressed=MAX_SUPPRESSED)
    return OfficeTypes(release)


def project_wave_offices(project) -> set[tuple[int, int]]:
    """Every (wave, office) of the project's waves: invited, or in a snapshot."""
    waves = project_waves(project)
    invited = Invitation.objects.filter(wave__in=waves).values_list("wave_id", "office_id")
    captured = Snapshot.objects.filter(wave__in=waves).values_list("wave_id", "office_id")
    return set(invited) | set(captured)


def project_office_types(project) -> OfficeTypes:
    """The one release of a project's office types that every research page and export uses."""
    return office_types_for(project_wave_offices(project))
