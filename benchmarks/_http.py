"""Shared by the HTTP scripts: loopback only. A fresh database, gunicorn, logged-in browser sessions."""
import http.client
import os
import re
import signal
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = ROOT / ".venv" / "bin"
PYTHON = str(VENV_BIN / "python")
LOOPBACK = "127.0.0.1"  # nothing here ever talks to another host
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


class Response(NamedTuple):
    status: int
    headers: http.client.HTTPMessage
    text: str


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def request(port, method, path, body=None, headers=None, timeout=30) -> Response:
    conn = http.client.HTTPConnection(LOOPBACK, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return Response(response.status, response.msg, response.read().decode("utf-8", "replace"))
    finally:
        conn.close()


class Session:
    """A logged-in browser: its cookies and the CSRF token of its session."""

    def __init__(self, port, email, password, form_page: str | None = None):
        self.port, self.cookies = port, {}
        page = self.send("GET", "/login")
        token = CSRF.search(page.text).group(1)
        login = self.send("POST", "/login", {"email": email, "password": password, "csrf_token": token})
        assert login.status == 302, f"login failed for {email}: {login.status}"
        self.csrf = token
        if form_page:  # the token of the logged-in session, as the form shows it
            match = CSRF.search(self.send("GET", form_page).text)
            self.csrf = match.group(1) if match else token

    def _take(self, headers) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            if value:
                self.cookies[name] = value
            else:
                self.cookies.pop(name, None)

    def send(self, method, path, form: dict | None = None, timeout=30) -> Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(form)
        response = request(self.port, method, path, body, headers, timeout)
        self._take(response.headers)
        return response


def recreate_postgres(url: str, create: bool = True) -> None:
    """Drop and (unless create=False) create the database named at the end of url: the scripts' own databases."""
    import psycopg

    plain = url.replace("postgresql+psycopg://", "postgresql://")
    admin, name = plain.rsplit("/", 1)
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        raise ValueError(f"unexpected database name {name!r}")
    with psycopg.connect(f"{admin}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {name}")


def flask(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(VENV_BIN / "flask"), "--app", "wsgi", *args], env=env, cwd=ROOT, check=True,
                          capture_output=True, text=True)


def start_gunicorn(env: dict, port: int, workers: int, *extra: str) -> subprocess.Popen:
    """gunicorn on loopback with --preload, returned once /healthz answers."""
    server = subprocess.Popen([str(VENV_BIN / "gunicorn"), "-w", str(workers), "-b", f"{LOOPBACK}:{port}",
                               "--preload", "--log-level", "warning", *extra, "wsgi:app"], env=env, cwd=ROOT)
    for _ in range(150):
        try:
            if request(port, "GET", "/healthz", timeout=2).status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    stop(server)
    raise RuntimeError("gunicorn did not start")


def stop(process: subprocess.Popen, timeout: float = 30) -> None:
    """SIGTERM, then SIGKILL if it has not stopped in time."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def children(pid: int) -> list[int]:
    """The direct children of pid (Linux /proc): gunicorn's workers under its master."""
    found = []
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(name))
            except OSError:
                pass  # ended meanwhile
    return found
