"""The floors of the house: which app may import which (docs/architecture.md, "Floors").

- The bottom kit (`core`, and `analysis`, pure Python) imports no other app.
- `trust` (audit log, mail outbox, consent, personal data, retention) imports only the kit:
  the apps above it register with it (`kapstok.trust.registry`).
- No app imports the top floor, which composes the others: `home` (the pages that bring apps
  together, the scheduler, the demo) and `api` (the JSON API's routers).
- Domain apps import each other without cycles: where a lower app needs something of a higher
  one, the higher one registers with it in `ready()` (checked below: the registries are filled).

The graph is read with `ast` from the source of `kapstok/`, imports inside functions included.
Left out, because they are not the product's structure: test code (`tests/`, `test_*.py`,
`conftest.py`) and factories, which build data across apps on purpose; migrations, which are
frozen history and declare their dependencies themselves; and `browser_tests`, which exercise
every app from outside (nothing imports them). The benchmarks live outside `kapstok/`
(`benchmarks/`) and are not read.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # kapstok/
PACKAGE = ROOT.name
KIT = {"core", "analysis"}
LOWER = {"trust"}
TOP_FLOOR = {"home", "api"}
OUTSIDE = {"browser_tests"}
NOT_PRODUCT_FILES = {"conftest.py", "factories.py"}


def _is_product_file(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return not (
        "tests" in parts
        or "migrations" in parts
        or path.name.startswith("test_")
        or path.name in NOT_PRODUCT_FILES
    )


def _module_of(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _imported_modules(path: Path, tree: ast.AST) -> list[str]:
    """Every module this file imports, relative imports resolved, at any depth of the code."""
    package = _module_of(path)
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module.split(".") if node.module else []
            if node.level:
                base = package[: len(package) - node.level + 1] + base
            # `from kapstok import network` imports the app itself.
            found += [".".join([*base, alias.name]) for alias in node.names]
    return found


def import_graph() -> dict[str, dict[str, str]]:
    """{importer app: {imported app: a file that imports it}} over the product's code."""
    apps = {
        d.name for d in ROOT.iterdir() if (d / "__init__.py").is_file() and d.name not in OUTSIDE
    }
    graph: dict[str, dict[str, str]] = defaultdict(dict)
    for app in sorted(apps):
        for path in sorted((ROOT / app).rglob("*.py")):
            if not _is_product_file(path):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for module in _imported_modules(path, tree):
                parts = module.split(".")
                if len(parts) > 1 and parts[0] == PACKAGE and parts[1] in apps - {app}:
                    graph[app].setdefault(parts[1], str(path.relative_to(ROOT.parent)))
    return graph


def _components(graph: dict[str, dict[str, str]]) -> dict[str, int]:
    """Strongly connected components (Tarjan): app → number of its component."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    component: dict[str, int] = {}

    def visit(app: str) -> None:
        index[app] = low[app] = len(index)
        stack.append(app)
        for other in graph.get(app, {}):
            if other not in index:
                visit(other)
                low[app] = min(low[app], low[other])
            elif other in stack:
                low[app] = min(low[app], index[other])
        if low[app] == index[app]:
            while True:
                member = stack.pop()
                component[member] = index[app]
                if member == app:
                    break

    for app in sorted(set(graph) | {b for targets in graph.values() for b in targets}):
        if app not in index:
            visit(app)
    return component


def cycle_edges(graph: dict[str, dict[str, str]]) -> dict[tuple[str, str], str]:
    """Every import that lies on a cycle (both ends in one strongly connected component)."""
    component = _components(graph)
    return {
        (a, b): path
        for a, targets in graph.items()
        for b, path in targets.items()
        if component[a] == component[b]
    }


def _listed(edges) -> str:
    return "\n".join(f"  {a} -> {b}  ({path})" for (a, b), path in sorted(edges.items()))


def test_the_bottom_kit_imports_no_other_app():
    graph = import_graph()
    wrong = {(a, b): p for a in KIT for b, p in graph.get(a, {}).items() if b not in KIT}
    assert not wrong, f"core and analysis must not import an app:\n{_listed(wrong)}"


def test_trust_imports_only_the_kit():
    graph = import_graph()
    wrong = {(a, b): p for a in LOWER for b, p in graph.get(a, {}).items() if b not in KIT}
    assert not wrong, (
        "trust must not import the apps above it; let them register instead "
        f"(kapstok.trust.registry):\n{_listed(wrong)}"
    )


def test_no_app_imports_the_top_floor():
    graph = import_graph()
    wrong = {
        (a, b): p
        for a, targets in graph.items()
        for b, p in targets.items()
        if b in TOP_FLOOR and a not in TOP_FLOOR
    }
    assert not wrong, f"only settings and urls may name home or api:\n{_listed(wrong)}"


def test_no_two_domain_apps_import_each_other_in_a_cycle():
    cycles = cycle_edges(import_graph())
    assert not cycles, (
        "These imports close a cycle between apps. Import the other way round, or let the higher "
        f'app register with the lower one (see docs/architecture.md, "Floors"):\n{_listed(cycles)}'
    )


def test_every_registry_of_a_lower_app_is_filled_by_the_app_above_it():
    """The registrations are what keeps behaviour whole without the upward imports: a lower
    app that finds its registry empty would quietly show less (no phase, no overdue requests,
    no pseudonyms), so the wiring itself is checked."""
    from kapstok.accounts import access
    from kapstok.accounts import services as account_services
    from kapstok.goals.selectors import TIMELINE_LINK_RULES
    from kapstok.monitor.research_lens import research_lens
    from kapstok.network import page_parts
    from kapstok.peers import page_parts as peers_page_parts
    from kapstok.progress import facts

    assert access._office_scope is not None  # network: which offices a person's grants reach
    assert set(TIMELINE_LINK_RULES) == {"influence:position_detail", "messaging:message_detail"}
    assert research_lens() is not None  # coding: pseudonyms and disclosure for researchers
    assert page_parts._office_page_parts and page_parts._office_phase_labels  # progress
    assert facts._overdue_counts is not None  # support: requests past their norm
    assert set(account_services._hand_overs) == {"goals", "strategy"}  # open work of a lead
    assert peers_page_parts.registered()  # clubs: the clubs linked to a practice, meeting, post


def test_the_graph_sees_relative_and_function_level_imports():
    source = "def f():\n    from ..network import models\n    from . import selectors\n"
    path = ROOT / "monitor" / "selectors.py"
    modules = _imported_modules(path, ast.parse(source))
    assert modules == ["kapstok.network.models", "kapstok.monitor.selectors"]
