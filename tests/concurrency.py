"""Run two requests at the same moment, each in its own thread with its own logged-in client."""
import threading
from concurrent.futures import ThreadPoolExecutor


class Meeting:
    """A point both requests reach before either writes: on PostgreSQL they then really race. On SQLite
    the first one holds the write lock already, so the second cannot arrive; after `patience` seconds the
    first goes on alone, and the two run one after the other (as SQLite always runs writers)."""

    def __init__(self, parties: int = 2, patience: float = 1.5):
        self.barrier = threading.Barrier(parties, timeout=patience)

    def wait(self) -> None:
        try:
            self.barrier.wait()
        except threading.BrokenBarrierError:
            pass


def meet_after(monkeypatch, module, name: str) -> None:
    """Make module.name wait, after it ran, for the other request to run it too: both read before either writes."""
    meeting = Meeting()
    real = getattr(module, name)

    def then_meet(*args, **kwargs):
        result = real(*args, **kwargs)
        meeting.wait()
        return result

    monkeypatch.setattr(module, name, then_meet)


def at_once(*calls):
    """Run the calls in parallel threads; their results in order (exceptions are raised)."""
    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        futures = [pool.submit(call) for call in calls]
        return [f.result(timeout=60) for f in futures]
