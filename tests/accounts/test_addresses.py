"""The client's address: REMOTE_ADDR, or what the trusted proxies report; IPv6 per /64."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from pytest_django import Settings

from accounts.addresses import client_address


def _address(remote: str = "198.51.100.9", forwarded: str | None = None) -> str:
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **extra))


def test_without_proxies_the_address_is_remote_addr_whatever_the_client_claims() -> None:
    assert _address("203.0.113.7", forwarded="192.0.2.1") == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        # One proxy appends the address it was reached from: the rightmost entry.
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "10.9.9.9, 192.0.2.1", "192.0.2.1"),  # the client's own claim on the left is ignored
        # Two proxies (a CDN, then the load balancer): second from the right.
        (2, "10.9.9.9, 192.0.2.1, 198.51.100.2", "192.0.2.1"),
        # Fewer entries than proxies (one was skipped): the leftmost there is.
        (2, "192.0.2.1", "192.0.2.1"),
        # Ports written by some proxies.
        (1, "192.0.2.1:5123", "192.0.2.1"),
        (1, "[2001:db8:1:2::7]:443", "2001:db8:1:2::"),
    ],
)
def test_behind_trusted_proxies_the_address_is_the_one_they_report(
    settings: Settings, proxies: int, forwarded: str, expected: str
) -> None:
    settings.TRUSTED_PROXY_COUNT = proxies

    assert _address(forwarded=forwarded) == expected


@pytest.mark.parametrize("forwarded", [None, "", "not-an-address", " , "])
def test_behind_a_proxy_a_missing_or_garbled_header_falls_back_to_remote_addr(
    settings: Settings, forwarded: str | None
) -> None:
    settings.TRUSTED_PROXY_COUNT = 1

    assert _address("203.0.113.7", forwarded=forwarded) == "203.0.113.7"


def test_ipv6_clients_in_one_slash_64_share_an_address_and_other_blocks_do_not() -> None:
    one = _address("2001:db8:aa:bb:1:2:3:4")
    same_block = _address("2001:db8:aa:bb:ffff:ffff:ffff:ffff")
    next_block = _address("2001:db8:aa:bc::1")

    assert one == same_block == "2001:db8:aa:bb::"
    assert next_block == "2001:db8:aa:bc::"


def test_an_ipv4_mapped_ipv6_address_is_the_ipv4_address() -> None:
    assert _address("::ffff:192.0.2.44") == "192.0.2.44"


def test_a_request_without_any_address_gets_one_shared_label() -> None:
    request = RequestFactory().get("/")
    del request.META["REMOTE_ADDR"]

    assert client_address(request) == "0.0.0.0"  # noqa: S104 - a label, not a bind
