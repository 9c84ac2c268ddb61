"""The client's address, the base of the per-address limits and of the sign-in lockouts.

`REMOTE_ADDR`, unless `TRUSTED_PROXY_COUNT` proxies stand in front: each of them appends the
address it was reached from to `X-Forwarded-For`, so the client is the entry that many places
from the right (entries further left are whatever the client sent). IPv6 clients are counted
per /64, the block one home or one phone usually gets. A soft signal: carriers put many fans
behind one address, so it may cap how much one address counts, never identify anyone.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

IPV6_GROUP_PREFIX = 64
UNKNOWN = "0.0.0.0"  # noqa: S104 - a label for "no address", never bound to


def client_address(request: HttpRequest) -> str:
    """The client's address as a string: an IPv4 address, or the first address of an IPv6 /64.

    The /64 is written as its network address (`2001:db8:1:2::`) rather than with `/64`, so
    it is still an IP address wherever one is stored (django-axes keeps it in an IP column).
    """
    return _grouped(_reported(request)) or _grouped(request.META.get("REMOTE_ADDR", "")) or UNKNOWN


def _reported(request: HttpRequest) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return ""
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if not forwarded:
        return ""
    # Fewer entries than proxies: some proxy was skipped; the leftmost is the best left.
    return forwarded[-min(proxies, len(forwarded))]


def _grouped(text: str) -> str:
    text = text.strip()
    if text.startswith("["):  # "[2001:db8::1]" or "[2001:db8::1]:443"
        text = text[1:].partition("]")[0]
    elif text.count(":") == 1:  # "203.0.113.7:443"
        text = text.partition(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return ""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        network = ipaddress.IPv6Network((address, IPV6_GROUP_PREFIX), strict=False)
        return str(network.network_address)
    return str(address)
