"""The POS taxonomy of branches of sport, and which SBI 2008 codes point to each.

Kept as data in code (not a fixture) so migrations, `seed_demo` and tests share one source.
An SBI code can point to several branches (93.14.6 'Sportscholen' is both martial arts and
fitness), and several branches share no specific code (padel and tennis both sit under 93.12.4):
branch inference from trade names (representativeness issue) refines those.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class BranchSpec:
    slug: str
    name: str
    group: str
    sbi_codes: tuple[str, ...] = ()


BRANCHES: tuple[BranchSpec, ...] = (
    BranchSpec("fitness", "Fitness", "fitness", ("93.13", "93.14.6")),
    BranchSpec("crossfit-bootcamp", "CrossFit en bootcamp", "fitness", ("93.13", "93.19.9")),
    BranchSpec("tennis", "Tennis", "racket", ("93.12.4",)),
    BranchSpec("padel", "Padel", "racket", ("93.12.4", "93.11.9")),
    BranchSpec("squash-badminton", "Squash en badminton", "racket", ("93.14.1",)),
    BranchSpec("paardensport", "Paardensport", "equestrian_golf", ("93.12.5",)),
    BranchSpec("golf", "Golf", "equestrian_golf", ("93.12.9", "93.11.9")),
    BranchSpec("zwemmen", "Zwemmen", "water", ("93.11.1", "93.15.1")),
    BranchSpec("watersport", "Watersport", "water", ("93.15.2", "85.51.1")),
    BranchSpec("dans", "Dans", "movement", ("85.52.1",)),
    BranchSpec("yoga-pilates", "Yoga en pilates", "movement", ("93.14.9", "85.51.9")),
    BranchSpec("vechtsport", "Vechtsport", "combat", ("93.14.3", "93.14.6")),
    BranchSpec("klimmen", "Klimmen", "outdoor", ("93.14.9", "93.11.9")),
    BranchSpec("airsoft-paintball", "Airsoft en paintball", "leisure", ("93.19.9", "93.12.9")),
    BranchSpec("wielrennen-spinning", "Wielrennen en spinning", "fitness", ("93.12.6",)),
    BranchSpec("wintersport", "Wintersport", "outdoor", ("93.12.8",)),
    BranchSpec("schaatsen", "Schaatsen", "outdoor", ("93.11.9",)),
    BranchSpec("turnen-gymnastiek", "Turnen en gymnastiek", "movement", ("93.14.2", "93.11.2")),
    BranchSpec("atletiek-hardlopen", "Atletiek en hardlopen", "outdoor", ("93.12.3",)),
    BranchSpec("outdoor", "Outdoor en avontuur", "outdoor", ("93.12.9",)),
    BranchSpec("bowling-biljart", "Bowling en biljart", "leisure", ("93.14.4",)),
    BranchSpec(
        "sportonderwijs-overig",
        "Sportonderwijs en overig",
        "education",
        ("85.51", "85.51.9", "93.19.9", "93.11.9", "93.12.9"),
    ),
)
