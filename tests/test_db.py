"""SQLite write transactions begin immediately, so concurrent writers queue instead of failing."""
import threading
import time

import pytest
from sqlalchemy import create_engine, text

import triage.db  # noqa: F401 - installs the SQLite connection settings


@pytest.fixture
def engine(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path}/c.sqlite")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)"))
        conn.execute(text("INSERT INTO counter VALUES (1, 0)"))
    yield engine
    engine.dispose()


def test_a_second_writer_waits_for_the_first(engine):
    with engine.connect() as first:
        first.begin()
        first.execute(text("SELECT n FROM counter"))  # the write lock is already held
        done = []

        def second_writer():
            with engine.begin() as second:
                n = second.execute(text("SELECT n FROM counter")).scalar()
                second.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})
            done.append(time.monotonic())

        thread = threading.Thread(target=second_writer)
        thread.start()
        time.sleep(0.3)
        assert not done  # blocked behind the first transaction
        first.execute(text("UPDATE counter SET n = n + 10"))
        first.commit()
        thread.join(5)
    with engine.connect() as conn:
        # Both increments landed: the second read happened after the first commit.
        assert conn.execute(text("SELECT n FROM counter")).scalar() == 11


def test_many_concurrent_read_then_write_transactions_all_succeed(engine):
    errors = []

    def bump():
        try:
            for _ in range(20):
                with engine.begin() as conn:
                    n = conn.execute(text("SELECT n FROM counter")).scalar()
                    conn.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    with engine.connect() as conn:
        assert conn.execute(text("SELECT n FROM counter")).scalar() == 120
