"""The import structure (issue #15): imports run one way, `bot/` → `dialogs/` → `domain/` and
`store/` → `rules/`, without circles, and botbuilder and aiohttp's server stay at the edge.

Every module is parsed with `ast`, imports inside functions included (a deferred import is
still a dependency, and the usual way a circle is hidden)."""

import ast
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "dialogs", "domain", "store", "rules", "understanding")

# Who may not import whom: (importing package, imported package or module prefix).
FORBIDDEN = (
    [(low, "bot") for low in ("dialogs", "domain", "store", "rules")]
    + [
        (low, edge)
        for low in ("dialogs", "domain", "store")
        for edge in ("botbuilder", "botframework", "aiohttp.web")
    ]
    # Dialogs reach the database through the domain and the repositories only.
    + [("dialogs", "sqlalchemy")]
    + [("rules", "store"), ("rules", "dialogs")]
)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@cache
def _modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                found[_module_name(path)] = path
    return found


def _imported(name: str, path: Path) -> Iterator[str]:
    """Every module `name` imports, by full dotted name, anywhere in the file."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    return _imports_in(path.read_text(), package)


def _imports_in(source: str, package: str) -> Iterator[str]:
    """The dotted names a module in `package` imports: at the top, in functions, under
    TYPE_CHECKING (a type-only import still ties the two modules' designs together)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            # `from bot import jobs` imports the module bot.jobs.
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _project_module(imported: str) -> str | None:
    """The project module an import names (a name inside a module counts as the module)."""
    modules = _modules()
    while imported:
        if imported in modules:
            return imported
        imported = imported.rpartition(".")[0]
    return None


@cache
def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in _modules().items():
        targets = {_project_module(i) for i in _imported(name, path)}
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _cycle_in(component: list[str], graph: dict[str, set[str]]) -> list[str]:
    """One concrete circle through a component's first module, for the failure message."""
    members = set(component)
    start = component[0]
    paths = {start: [start]}
    queue = [start]
    while queue:
        node = queue.pop(0)
        for child in sorted(graph[node] & members):
            if child == start:
                return [*paths[node], start]
            if child not in paths:
                paths[child] = [*paths[node], child]
                queue.append(child)
    return component


def test_the_graph_sees_every_package() -> None:
    graph = _graph()
    assert {name.partition(".")[0] for name in graph} == set(PACKAGES)
    assert "dialogs.context" in graph["bot.runner"]


def test_imports_inside_functions_and_relative_ones_count() -> None:
    source = """
from typing import TYPE_CHECKING
from . import sibling
from ..rules.dates import easter
if TYPE_CHECKING:
    import store.models
def later():
    from bot import jobs
"""
    assert set(_imports_in(source, "dialogs.sub")) >= {
        "dialogs.sub.sibling",
        "dialogs.rules.dates",
        "store.models",
        "bot.jobs",
    }


def test_no_import_circles() -> None:
    graph = _graph()
    circles = list(_circles(graph))
    assert not circles, "import circles:\n" + "\n".join(
        f"{' → '.join(_cycle_in(c, graph))}  (the circle holds {', '.join(c)})" for c in circles
    )


def test_a_circle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert [sorted(c) for c in _circles(graph)] == [["a", "b", "c"]]


def _against_layers(name: str, imported: Iterable[str]) -> set[str]:
    package = name.partition(".")[0]
    return {
        f"{name} imports {_project_module(i) or i}"
        for i in imported
        for low, forbidden in FORBIDDEN
        if package == low and f"{i}.".startswith(f"{forbidden}.")
    }


def test_imports_run_one_way() -> None:
    wrong = set().union(*(_against_layers(n, _imported(n, p)) for n, p in _modules().items()))
    assert not wrong, "imports against the layering:\n" + "\n".join(sorted(wrong))


def test_an_import_against_the_layers_is_found() -> None:
    assert _against_layers("dialogs.x", ["sqlalchemy.orm", "domain.cases"]) == {
        "dialogs.x imports sqlalchemy.orm"
    }
    assert _against_layers("store.x", ["bot.config"]) == {"store.x imports bot.config"}
    assert not _against_layers("bot.x", ["dialogs.turn", "botbuilder.core"])


def test_botbuilder_stays_in_the_teams_edge() -> None:
    users = sorted(
        name
        for name, path in _modules().items()
        if any(i.split(".")[0] in ("botbuilder", "botframework") for i in _imported(name, path))
    )
    assert users == ["bot.teams_edge"]


def _columns() -> frozenset[str]:
    from store.models import Base

    return frozenset(c.name for table in Base.metadata.tables.values() for c in table.columns)


def _touches_rows(name: str, source: str, columns: frozenset[str]) -> list[str]:
    """Where a module uses a session or sets a mapped column on an object."""
    wrong = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr == "session":
            wrong.append(f"{name}:{node.lineno} uses .session")
        targets = node.targets if isinstance(node, ast.Assign) else []
        targets += [node.target] if isinstance(node, ast.AugAssign | ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr in columns:
                wrong.append(f"{name}:{node.lineno} sets .{target.attr}")
    return wrong


def test_dialogs_never_touch_the_session_or_write_a_row() -> None:
    """Dialogs turn messages into domain calls: no session, and no ORM row changed by
    assigning one of its columns (`case.owner_id = …`); the domain and store do that."""
    columns = _columns()
    wrong = [
        line
        for name, path in _modules().items()
        if name.startswith("dialogs.")
        for line in _touches_rows(name, path.read_text(), columns)
    ]
    assert not wrong, "\n".join(wrong)


def test_a_row_written_in_a_dialog_is_found() -> None:
    source = (
        "def f(case, ctx, caller):\n"
        "    case.owner_id = 1\n"
        "    caller.lang = 'da'\n"  # not a column: the turn's own state
        "    ctx.store.session\n"
    )
    assert _touches_rows("dialogs.x", source, _columns()) == [
        "dialogs.x:2 sets .owner_id",
        "dialogs.x:4 uses .session",
    ]
