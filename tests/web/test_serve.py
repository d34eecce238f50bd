"""``docpipe serve`` itself: loopback by default, a warning for any other address, the token passed on,
bad options refused, and a real server process answering on a free port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("uvicorn", reason="docpipe serve needs uvicorn")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")
import uvicorn
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from docpipe.cli import main
from docpipe.word.compiled import FOLDER_VARIABLE, bytecode_cache
from tests.web.conftest import free_port


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """What ``docpipe serve`` hands to uvicorn's server, instead of serving for ever."""
    seen: dict[str, Any] = {}

    def run(server: uvicorn.Server, sockets: Any = None) -> None:
        config = server.config
        seen.update(app=config.app, host=config.host, port=config.port, config=config)

    monkeypatch.setattr(uvicorn.Server, "run", run)
    monkeypatch.setenv(FOLDER_VARIABLE, "")  # serve points it at its data folder; undone after the test
    yield seen
    bytecode_cache.cache_clear()


def serve(*args: str, **env: str) -> Result:
    return CliRunner(env=env or None).invoke(main, ["serve", *args])


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1"])
def test_loopback_starts_without_a_warning(started: dict[str, Any], host: str) -> None:
    result = serve("--host", host, "--port", "8123")
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert f"http://{host}:8123/" in result.stderr
    assert (started["host"], started["port"]) == (host, 8123)
    address = f"[{host}]" if ":" in host else host
    assert TestClient(started["app"], base_url=f"http://{address}:8123").get("/").status_code == 200


def test_the_default_is_loopback(started: dict[str, Any]) -> None:
    assert serve().exit_code == 0
    assert (started["host"], started["port"]) == ("127.0.0.1", 8000)


def test_another_address_warns_and_suggests_a_token(started: dict[str, Any]) -> None:
    result = serve("--host", "0.0.0.0")
    assert result.exit_code == 0
    assert "warning: listening on 0.0.0.0" in result.stderr
    assert "consider --token" in result.stderr
    assert TestClient(started["app"], base_url="http://localhost").get("/").status_code == 200


@pytest.mark.parametrize("how", ["option", "environment"])
def test_the_token_is_passed_on(started: dict[str, Any], how: str) -> None:
    result = serve("--host", "0.0.0.0", "--token", "hemmelig") if how == "option" else \
        serve("--host", "0.0.0.0", DOCPIPE_TOKEN="hemmelig")
    assert result.exit_code == 0
    assert "warning: listening on 0.0.0.0" in result.stderr
    assert "consider --token" not in result.stderr
    assert "hemmelig" not in result.stderr  # the token is not printed for anyone looking over a shoulder
    client = TestClient(started["app"], base_url="http://localhost")
    assert client.get("/", follow_redirects=False).status_code == 303
    assert client.get("/", headers={"Authorization": "Bearer hemmelig"}).status_code == 200


@pytest.mark.parametrize("token", ["", "  "])
def test_an_empty_token_is_refused_at_start(started: dict[str, Any], token: str) -> None:
    result = serve("--token", token)
    assert result.exit_code != 0 and "--token is empty" in result.stderr
    assert "app" not in started


def test_the_server_answers_only_to_its_own_host_names(started: dict[str, Any]) -> None:
    assert serve("--port", "8123", "--allow-host", "docpipe.kommune.dk").exit_code == 0
    app = started["app"]
    for name in ("127.0.0.1", "localhost", "docpipe.kommune.dk"):
        assert TestClient(app, base_url=f"http://{name}:8123").get("/").status_code == 200
    assert TestClient(app, base_url="http://rebinding.example:8123").get("/").status_code == 400


@pytest.mark.parametrize("args", [["--port", "0"], ["--port", "70000"], ["--templates", "/findes/ikke"]])
def test_bad_options_are_refused(started: dict[str, Any], args: list[str]) -> None:
    result = serve(*args)
    assert result.exit_code == 2
    assert not started


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


@pytest.fixture
def server() -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """``python -m docpipe serve --port FREE --token ...`` in its own process, stopped afterwards."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "docpipe", "serve", "--port", str(port), "--token", "t0ken"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()[1]
            try:
                get(f"{base}/")
                break
            except OSError:
                assert time.monotonic() < deadline, "docpipe serve did not answer within 60 s"
                time.sleep(0.2)
        yield base, process
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def test_a_real_server_answers(server: tuple[str, subprocess.Popen[str]]) -> None:
    base, process = server
    status, text = get(f"{base}/", {"Authorization": "Bearer t0ken"})
    assert status == 200
    assert "Tjek en sag og dan dokumenterne" in text and 'lang="da"' in text
    assert get(f"{base}/api/validate")[0] == 401
    process.terminate()
    _, stderr = process.communicate(timeout=15)
    assert f"docpipe serve: {base}/ " in stderr
    assert "warning" not in stderr


def test_the_server_bounds_connections_and_idle_time(started: dict[str, Any]) -> None:
    assert serve().exit_code == 0
    config = started["config"]
    assert config.limit_concurrency == 200 and config.timeout_keep_alive == 5


def test_the_compiled_templates_live_in_the_data_folder(started: dict[str, Any], tmp_path: Path) -> None:
    assert serve("--data-dir", str(tmp_path / "data")).exit_code == 0
    assert os.environ[FOLDER_VARIABLE] == str(tmp_path / "data" / ".template-cache")
