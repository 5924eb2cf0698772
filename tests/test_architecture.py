"""The dependency direction of DESIGN.md §2, checked on the imports of every module."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "triage"

# Lower number = higher row; a module may import only from rows above its own (or itself).
ROWS = {
    "config": 1, "extensions": 1, "db": 1, "web": 1, "errors": 1,
    "auth": 2, "catalogue": 2,
    "classify": 3, "matching": 3.5,
    "intake": 4, "referrals": 4.5, "notify": 4.5,
    "privacy": 4.7, "demo": 4.8, "backup": 4.9,
    "reports": 5, "api": 5, "cli": 5, "jobs": 5, "migrations": 5,
}
# Same-row exceptions: the catalogue links a digihelper to a staff account; cli holds the jobs commands
# and runs the demo generator inside the reports' bulk load; referrals queue their e-mails in the
# (generic) outbox, which imports nothing from referrals.
ALLOWED = {("catalogue", "auth"), ("cli", "jobs"), ("cli", "reports"), ("referrals", "notify"), ("api", "reports")}


def _module_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("triage."):
            yield node.module.split(".")[1], node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("triage."):
                    yield alias.name.split(".")[1], node.lineno


def test_every_module_has_a_row():
    modules = {_module_of(p) for p in PACKAGE.rglob("*.py")} - {"__init__"}
    assert modules <= set(ROWS), f"add to ROWS and DESIGN.md: {modules - set(ROWS)}"


def test_no_module_imports_from_a_row_below_it():
    bad = []
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__init__.py" and path.parent == PACKAGE:
            continue  # the app factory wires everything together
        source = _module_of(path)
        for target, line in _imports(path):
            if target == source or target not in ROWS:
                continue
            if ROWS[source] == ROWS[target] == 1:
                continue  # the shared plumbing of row 1 is one layer
            if ROWS[target] >= ROWS[source] and (source, target) not in ALLOWED:
                bad.append(f"{path.relative_to(PACKAGE)}:{line} {source} -> {target}")
    assert not bad, "forbidden imports:\n" + "\n".join(bad)


def test_no_module_imports_another_modules_views_or_forms():
    bad = []
    for path in PACKAGE.rglob("*.py"):
        source = _module_of(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("triage."):
                parts = node.module.split(".")
                if len(parts) > 2 and parts[1] not in (source, "web") and parts[2] in (
                        "views", "forms", "admin_views", "io_views"):
                    if source != "web" and path != PACKAGE / "__init__.py":
                        bad.append(f"{path.relative_to(PACKAGE)}: {node.module}")
    assert not bad, bad
