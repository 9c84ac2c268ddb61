"""Log lines (aouad_site/logs.py): one JSON object per event, carrying the request's id."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client

from aouad_site.logs import JsonLineFormatter, RequestIdFilter
from tests.aouad_site.helpers import PRODUCTION_ENV, manage


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the production handler writes (settings.LOGGING with LOG_FORMAT=json)."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonLineFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def _events(stream: io.StringIO) -> list[dict[str, object]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.mark.django_db
def test_a_request_is_one_json_line_with_its_request_id(
    client: Client, log_lines: io.StringIO
) -> None:
    response = client.get("/robots.txt")

    [event] = [e for e in _events(log_lines) if e["logger"] == "aouad_site.requests"]
    assert event["request_id"] == response["X-Request-ID"]
    assert event["message"] == "GET /robots.txt 200"
    assert (event["view"], event["status"], event["level"]) == ("robots", 200, "INFO")
    assert isinstance(event["duration_ms"], float)


@pytest.mark.django_db
@pytest.mark.urls("tests.aouad_site.boom_urls")
def test_a_traceback_is_one_line_and_the_500_page_gives_its_reference(
    log_lines: io.StringIO,
) -> None:
    response = Client(raise_request_exception=False).get("/boom/")

    assert response.status_code == 500
    reference = response["X-Request-ID"]
    assert f"Reference: <code>{reference}</code>" in response.content.decode()
    [error] = [e for e in _events(log_lines) if e["level"] == "ERROR"]
    assert error["request_id"] == reference
    assert error["logger"] == "django.request"
    assert "RuntimeError: deliberate failure" in str(error["exc_info"])
    assert "Traceback (most recent call last)" in str(error["exc_info"])


@pytest.mark.django_db
def test_health_probes_stay_out_of_the_info_log(client: Client, log_lines: io.StringIO) -> None:
    client.get("/healthz")
    client.get("/metrics")

    assert [e for e in _events(log_lines) if e["logger"] == "aouad_site.requests"] == []


def test_lines_outside_a_request_carry_an_empty_request_id(log_lines: io.StringIO) -> None:
    logging.getLogger("aouad_site").warning("started")

    [event] = _events(log_lines)
    assert event["message"] == "started" and event["request_id"] == ""


def test_production_logs_json_and_development_text(tmp_path: Path) -> None:
    code = "from django.test import Client\nClient(HTTP_HOST='aouad.example.com').get('/healthz')\n"
    code += "import logging\nlogging.getLogger('aouad_site').warning('one\\ntwo')\n"

    production = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV, tmp_path=tmp_path)
    development = manage("shell", "--no-imports", "-c", code, env={}, tmp_path=tmp_path)

    # Other lines there are Python's warnings (no collectstatic run here), not log events.
    lines = [line for line in production.stderr.splitlines() if line.startswith("{")]
    events = [json.loads(line) for line in lines]
    # Only the event logged here: others (from other loggers) once appeared under load.
    [event] = [e for e in events if e.get("logger") == "aouad_site"] or events
    assert event["message"] == "one\ntwo" and event["level"] == "WARNING"
    assert "WARNING aouad_site [] one" in development.stderr
