"""The template a first round starts from, derived from the report (Mulier Instituut, 2025).

Chapter 5.2 ("Maak rollen helder") and 4.2: municipalities see for themselves a facilitating and
connecting role — they support the office (e.g. financially) and connect entrepreneurs with
sport clubs — but do not direct its strategy; they want to think along (a sounding board).
The office decides its own course (the entrepreneurs "pick up the gauntlet" themselves); POS
supports it (sessions, the support desk) and connects offices with each other; a partner
(sport service organisation or facilitator) often runs the sessions.

Each row: task name and, per party, one of decides / executes / supports / informed (or "").
It is only a starting point: every party changes it in its own view.
"""

D, E, S, INF = "decides", "executes", "supports", "informed"

TEMPLATE: tuple[tuple[str, dict[str, str]], ...] = (
    ("Strategie en doelen bepalen", {"office": D, "pos": S, "municipality": INF, "partner": S}),
    ("Strategische sessies begeleiden", {"office": D, "pos": S, "municipality": "", "partner": E}),
    ("Financieren", {"office": INF, "pos": "", "municipality": D, "partner": ""}),
    ("Verbinden met sportverenigingen", {"office": S, "pos": "", "municipality": D, "partner": S}),
    ("Communiceren met ondernemers", {"office": D, "pos": S, "municipality": INF, "partner": ""}),
    (
        "Belangen behartigen richting gemeente",
        {"office": D, "pos": S, "municipality": INF, "partner": ""},
    ),
    (
        "Zichtbaarheid en werving van leden",
        {"office": D, "pos": S, "municipality": S, "partner": ""},
    ),
    ("Kantoren met elkaar verbinden", {"office": INF, "pos": D, "municipality": "", "partner": ""}),
    (
        "Ondersteuning bij vragen van het kantoor",
        {"office": INF, "pos": D, "municipality": "", "partner": S},
    ),
)
