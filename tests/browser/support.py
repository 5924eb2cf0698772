"""Helpers for the browser tests: where Chromium and axe-core are, axe runs, screenshots, measurements."""
import json
import os
import re
import time
from pathlib import Path

from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
# The SQLite and PostgreSQL passes may run at the same time: each keeps its own screenshots.
DIALECT = "postgresql" if os.environ.get("TRIAGE_DATABASE_URL", "").startswith("postgresql") else "sqlite"
CHROMIUM = Path(os.environ.get("TRIAGE_CHROMIUM", "/usr/bin/chromium"))
AXE_PACKAGE = Path(__file__).resolve().parent / "node_modules" / "axe-core"
# As root Chromium refuses to start without --no-sandbox; the rest keeps it off the network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
                 "--no-first-run", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
# Only the WCAG 2.0 and 2.1 level A and AA rules: the bar we promise (docs/accessibility.md).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SETUP_HINT = "run `bash scripts/setup-env.sh test` (it installs Chromium and axe-core)"
MIN_TARGET = 44  # CSS pixels, WCAG 2.5.5 (AAA) and the platforms' guidelines; our own bar on phones


def missing_tools() -> str | None:
    """Why the browser tests cannot run here, or None."""
    try:
        import playwright  # noqa: F401
    except ImportError:
        return f"the Python package playwright is not installed; {SETUP_HINT}"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}; {SETUP_HINT}"
    if not (AXE_PACKAGE / "axe.min.js").exists():
        return f"axe-core is not installed in {AXE_PACKAGE.parent}; {SETUP_HINT}"
    return None


class Axe:
    """Runs axe-core in a page and keeps a record of every page and state checked."""

    def __init__(self, record_path: Path):
        self.source = (AXE_PACKAGE / "axe.min.js").read_text(encoding="utf-8")
        self.version = json.loads((AXE_PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
        self.record_path = record_path
        self.checked: list[dict] = []

    def check(self, page: Page, state: str, problems: list[str] | None = None) -> None:
        """Assert that the page, as it is now, has no WCAG 2.1 A/AA violations.

        With `problems`, add the report to that list instead, so one run lists every page that fails.

        The script goes in through the DevTools protocol (page.evaluate), which the page's
        Content-Security-Policy does not govern: the app keeps `script-src 'self'` and the browser
        context keeps enforcing it, so axe sees exactly what a user's browser shows.
        """
        started = time.perf_counter()
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self.source)
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
            AXE_TAGS)
        violations = result["violations"]
        self.checked.append({"state": state, "url": page.url, "violations": len(violations),
                             "ms": round((time.perf_counter() - started) * 1000)})
        if violations and problems is not None:
            problems.append(f"axe on {state} ({page.url}):\n" + describe(violations))
            return
        assert not violations, f"axe on {state} ({page.url}):\n" + describe(violations)

    def save(self) -> None:
        self.record_path.parent.mkdir(parents=True, exist_ok=True)
        self.record_path.write_text(json.dumps({"axe": self.version, "tags": AXE_TAGS, "checked": self.checked},
                                               indent=1, ensure_ascii=False), encoding="utf-8")


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            summary = " ".join(line.strip() for line in node.get("failureSummary", "").splitlines()[1:])
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:300]}")
    return "\n".join(lines)


class Shots:
    """Numbered screenshots of one journey: test-artifacts/browser/<database>/<journey>/<nn>-<step>.png."""

    spent = 0.0

    def __init__(self, journey: str):
        self.folder = ARTIFACTS / DIALECT / journey
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in self.folder.glob("*.png"):
            old.unlink()
        self.count = 0

    def __call__(self, page: Page, step: str, full_page: bool = True) -> Path:
        self.count += 1
        path = self.folder / f"{self.count:02d}-{step}.png"
        started = time.perf_counter()
        page.screenshot(path=str(path), full_page=full_page, scale="css")
        Shots.spent += time.perf_counter() - started
        return path


def login(page: Page, email: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1, name=re.compile(r"^Dag "))).to_be_visible()


def logout(page: Page) -> None:
    page.get_by_role("button", name="Afmelden").click()
    expect(page.get_by_role("heading", level=1, name="Aanmelden")).to_be_visible()


def focused(page: Page) -> str:
    """The focused element, as 'tag#id' or 'tag "text"', for readable assertions."""
    return page.evaluate("""() => {
      const el = document.activeElement;
      return el.id ? `${el.tagName.toLowerCase()}#${el.id}` : `${el.tagName.toLowerCase()} "${el.textContent.trim()}"`;
    }""")


def tab_to(page: Page, target: str, limit: int = 60) -> None:
    """Press Tab until focused(page) is target (an exact 'tag#id' or 'tag "text"')."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page) == target:
            return
    raise AssertionError(f"Tab never reached {target}")


def scroll_width(page: Page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


# Interactive elements smaller than the minimum; a link inside running text is exempt (WCAG 2.5.5
# "inline" exception), as are hidden elements and the skip link while it is off screen.
SMALL_TARGETS_JS = """
min => {
  const items = document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary');
  const small = [];
  for (const el of items) {
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    if (el.classList.contains('skip-link') && box.right < 0) continue;
    if (el.tagName === 'A' && style.display === 'inline') {
      const block = el.parentElement.closest('p, li, td, dd, caption');
      if (block && block.textContent.trim() !== el.textContent.trim()) continue;
    }
    let w = box.width, h = box.height;
    // A checkbox or radio counts with its label: the label is part of the target.
    if (el.type === 'checkbox' || el.type === 'radio') {
      const row = el.closest('.checkbox') || el.parentElement;
      const rbox = row.getBoundingClientRect();
      w = rbox.width; h = rbox.height;
    }
    if (w < min - 0.5 || h < min - 0.5) {
      const name = (el.textContent || el.name || el.id).trim().slice(0, 40);
      small.push(`${el.tagName.toLowerCase()} "${name}" ${Math.round(w)}x${Math.round(h)}`);
    }
  }
  return small;
}
"""


def small_targets(page: Page, minimum: int = MIN_TARGET) -> list[str]:
    return page.evaluate(SMALL_TARGETS_JS, minimum)
