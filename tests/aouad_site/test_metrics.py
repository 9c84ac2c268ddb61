"""Prometheus metrics (aouad_site/metrics.py, aouad_site/monitoring.py) and /metrics."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterable, Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client, override_settings
from prometheus_client import REGISTRY
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from pytest_django import Settings

from aouad_site import redis_breaker
from aouad_site.mail import send_email
from tests.aouad_site.helpers import PRODUCTION_ENV, manage

OUTSIDER = "203.0.113.9"


def _sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def queue_depth() -> Iterable[Metric]:
    yield GaugeMetricFamily("aouad_task_queue_depth", "Tasks waiting.", value=7)


def broken_collector() -> Iterable[Metric]:
    raise RuntimeError("the queue's table is gone")


@pytest.mark.django_db
def test_a_request_is_counted_under_its_view_name(client: Client) -> None:
    before = _sample("aouad_requests_total", method="GET", view="robots", status="200")

    client.get("/robots.txt")

    after = _sample("aouad_requests_total", method="GET", view="robots", status="200")
    assert after == before + 1


@pytest.mark.django_db
def test_its_duration_lands_in_the_histogram_buckets_of_its_view(client: Client) -> None:
    count = _sample("aouad_request_duration_seconds_count", view="robots")
    under_10s = _sample("aouad_request_duration_seconds_bucket", view="robots", le="10.0")

    client.get("/robots.txt")

    assert _sample("aouad_request_duration_seconds_count", view="robots") == count + 1
    assert _sample("aouad_request_duration_seconds_bucket", view="robots", le="10.0") == (
        under_10s + 1
    )
    buckets = [
        sample.labels["le"]
        for family in REGISTRY.collect()
        if family.name == "aouad_request_duration_seconds"
        for sample in family.samples
        if sample.name.endswith("_bucket") and sample.labels["view"] == "robots"
    ]
    assert buckets[0] == "0.005" and buckets[-1] == "+Inf" and len(buckets) == 12


@pytest.mark.django_db
def test_unknown_paths_and_methods_share_one_label_each(client: Client) -> None:
    before = _sample("aouad_requests_total", method="GET", view="unresolved", status="404")
    other = _sample("aouad_requests_total", method="other", view="robots", status="405")

    client.get("/nowhere/1/")
    client.get("/nowhere/2/")
    client.generic("BREW", "/robots.txt")

    after = _sample("aouad_requests_total", method="GET", view="unresolved", status="404")
    assert after == before + 2
    assert _sample("aouad_requests_total", method="other", view="robots", status="405") == (
        other + 1
    )


@pytest.mark.django_db
def test_every_response_carries_a_request_id_nginx_s_when_it_sent_one(client: Client) -> None:
    given = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"

    assert client.get("/robots.txt", HTTP_X_REQUEST_ID=given)["X-Request-ID"] == given
    generated = client.get("/robots.txt")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert client.get("/robots.txt")["X-Request-ID"] != generated


@pytest.mark.django_db
@pytest.mark.parametrize("given", ["short", "a" * 65, "bad id with spaces", "x\r\nSet-Cookie"])
def test_a_malformed_request_id_is_replaced(client: Client, given: str) -> None:
    response = client.get("/robots.txt", HTTP_X_REQUEST_ID=given)

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


@pytest.mark.django_db
def test_the_operator_s_own_machine_may_scrape(client: Client) -> None:
    client.get("/robots.txt")

    response = client.get("/metrics")  # the test client comes from 127.0.0.1

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    body = response.content.decode()
    assert 'aouad_requests_total{method="GET",status="200",view="robots"}' in body
    assert "aouad_database_errors_total" in body and "aouad_cache_errors_total" in body
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


@pytest.mark.django_db
def test_anyone_else_gets_a_404(settings: Settings) -> None:
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    outsider = Client(REMOTE_ADDR=OUTSIDER)

    assert outsider.get("/metrics").status_code == 404
    wrong = outsider.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-tokex")
    assert wrong.status_code == 404
    assert b"aouad_requests_total" not in wrong.content


@pytest.mark.django_db
def test_the_token_lets_a_scraper_in_from_anywhere(settings: Settings) -> None:
    settings.METRICS_TOKEN = "s3cret-scrape-token"
    outsider = Client(REMOTE_ADDR=OUTSIDER)

    response = outsider.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-scrape-token")

    assert response.status_code == 200
    assert b"aouad_requests_total" in response.content


@pytest.mark.django_db
def test_no_token_is_no_way_in(settings: Settings) -> None:
    settings.METRICS_TOKEN = ""

    response = Client(REMOTE_ADDR=OUTSIDER).get("/metrics", HTTP_AUTHORIZATION="Bearer ")

    assert response.status_code == 404


@pytest.mark.django_db
def test_behind_nginx_the_client_s_address_counts_not_nginx_s(settings: Settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    through_nginx = Client(REMOTE_ADDR="127.0.0.1")

    assert through_nginx.get("/metrics", HTTP_X_FORWARDED_FOR=OUTSIDER).status_code == 404
    assert through_nginx.get("/metrics", HTTP_X_FORWARDED_FOR="127.0.0.1").status_code == 200
    # Prometheus beside gunicorn, not through nginx: no header at all.
    assert through_nginx.get("/metrics").status_code == 200


@pytest.mark.django_db
def test_allowed_addresses_may_be_networks(settings: Settings) -> None:
    settings.METRICS_ALLOWED_ADDRESSES = ["10.0.0.0/8"]

    assert Client(REMOTE_ADDR="10.1.2.3").get("/metrics").status_code == 200
    assert Client(REMOTE_ADDR="127.0.0.1").get("/metrics").status_code == 404


@pytest.mark.django_db
def test_collectors_from_settings_add_their_metrics_at_scrape_time(
    client: Client, settings: Settings
) -> None:
    settings.METRICS_COLLECTORS = [
        "tests.aouad_site.test_metrics.broken_collector",
        "tests.aouad_site.test_metrics.queue_depth",
    ]

    response = client.get("/metrics")

    assert response.status_code == 200  # one failing source hides nothing else
    assert "aouad_task_queue_depth 7.0" in response.content.decode()


@pytest.mark.django_db
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_task_queue_depth_is_scraped_from_its_table(client: Client) -> None:
    for _ in range(2):
        send_email.enqueue(subject="Reset", body="Hi", to=["fan@example.com"])

    body = client.get("/metrics").content.decode()

    assert "aouad_task_queue_waiting 2.0" in body
    assert "aouad_task_queue_oldest_waiting_seconds " in body


@pytest.mark.django_db
def test_tasks_run_inline_have_no_queue_to_report(client: Client) -> None:
    assert "aouad_task_queue_waiting" not in client.get("/metrics").content.decode()


@pytest.mark.django_db
def test_a_database_outage_is_counted(client: Client) -> None:
    before = _sample("aouad_database_errors_total")

    with mock.patch(
        "theories.views.lists.Theory.objects.published",
        side_effect=OperationalError("could not connect to server"),
    ):
        response = client.get("/theories/")

    assert response.status_code == 503
    assert _sample("aouad_database_errors_total") == before + 1
    assert f"Reference: <code>{response['X-Request-ID']}</code>" in response.content.decode()
    assert _sample("aouad_requests_total", method="GET", view="theory_list", status="503") >= 1


def _use_redis_at(settings: Settings, port: int) -> None:
    settings.CACHES = {
        **django_settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.25,
                "SOCKET_TIMEOUT": 0.25,
                "CONNECTION_POOL_CLASS": "aouad_site.redis_breaker.BreakerConnectionPool",
            },
        },
    }


@pytest.fixture(autouse=True)
def _closed_breaker() -> Iterator[None]:
    redis_breaker.breaker.failures, redis_breaker.breaker.open_until = 0, 0.0
    yield
    redis_breaker.breaker.failures, redis_breaker.breaker.open_until = 0, 0.0


@pytest.fixture
def unreachable_redis(settings: Settings) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    _use_redis_at(settings, port)


@pytest.fixture
def frozen_redis(settings: Settings) -> Iterator[None]:
    with socket.socket() as frozen:  # accepts connections (the kernel does), never answers
        frozen.bind(("127.0.0.1", 0))
        frozen.listen()
        _use_redis_at(settings, frozen.getsockname()[1])
        yield


@pytest.mark.django_db
@pytest.mark.usefixtures("unreachable_redis")
def test_a_refused_redis_connection_is_counted_and_is_still_a_miss() -> None:
    before = _sample("aouad_cache_errors_total")

    assert cache.get("anything") is None

    assert _sample("aouad_cache_errors_total") == before + 1


@pytest.mark.django_db
@pytest.mark.usefixtures("frozen_redis")
def test_a_redis_timeout_is_counted_once_and_is_still_a_miss() -> None:
    before = _sample("aouad_cache_errors_total")

    assert cache.get("anything") is None

    assert _sample("aouad_cache_errors_total") == before + 1


def test_worker_processes_add_up_in_multiprocess_mode(tmp_path: Path) -> None:
    """What gunicorn's workers do: each process writes its own file, a scrape sums them."""
    env = {"PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics")}
    (tmp_path / "metrics").mkdir()
    request = (
        "from django.test import Client\n"
        "print(Client(HTTP_HOST='127.0.0.1').get('{}').content.decode())\n"
    )
    for _worker in range(2):
        result = manage("shell", "--no-imports", "-c", request.format("/robots.txt"), env=env,
                        tmp_path=tmp_path)  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "metrics").glob("counter_*.db"))) >= 2

    scrape = manage("shell", "--no-imports", "-c", request.format("/metrics"), env=env,
                    tmp_path=tmp_path)  # fmt: skip

    assert 'aouad_requests_total{method="GET",status="200",view="robots"} 2.0' in scrape.stdout
    assert 'aouad_request_duration_seconds_count{view="robots"} 2.0' in scrape.stdout


def test_in_production_prometheus_scrapes_over_plain_http(tmp_path: Path) -> None:
    code = (
        "from django.test import Client\n"
        "client = Client(HTTP_HOST='aouad.example.com')\n"
        "print(client.get('/metrics').status_code, client.get('/robots.txt').status_code)\n"
    )

    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV, tmp_path=tmp_path)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301"]  # pages still go to HTTPS
