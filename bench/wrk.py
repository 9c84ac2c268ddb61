"""Running wrk and reading its report; the Lua scripts more than one scenario uses."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Target:
    name: str
    path: str
    script: str = ""  # a wrk Lua script (signed-in headers, vote POSTs)
    base: str = ""  # somewhere else than the site's gunicorn: nginx in front of it


@dataclass
class Measure:
    rps: float
    p50_ms: float
    p99_ms: float
    non_2xx: int
    ok_votes: int = 0
    sent_votes: int = 0
    refused_votes: int = 0
    socket_errors: int = 0
    max_ms: float = 0.0


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}

# What every request asks for, as browsers do: the site compresses its pages (GZipMiddleware),
# at a cost per page. bench/run.py's --accept-encoding "" measures without it.
ACCEPT_ENCODING = "gzip"


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def run_wrk(base: str, target: Target, seconds: int, connections: int, script: str = "") -> Measure:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    if ACCEPT_ENCODING:
        command += ["-H", f"Accept-Encoding: {ACCEPT_ENCODING}"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, base + target.path], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = _ms(re.search(r"50%\s+([\d.]+\w+)", output).group(1))
    p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors:.*", output)
    socket_errors = sum(int(n) for n in re.findall(r"\d+", errors.group(0))) if errors else 0
    non_2xx = (int(bad.group(1)) if bad else 0) + socket_errors

    def number(label: str) -> int:
        found = re.search(label + r" (\d+)", output)
        return int(found.group(1)) if found else 0

    slowest = re.search(r"MAX_MS ([\d.]+)", output)
    return Measure(
        rps,
        p50,
        p99,
        non_2xx,
        ok_votes=number("VOTES_OK"),
        sent_votes=number("VOTES_SENT"),
        refused_votes=number("VOTES_REFUSED"),
        socket_errors=socket_errors,
        max_ms=float(slowest.group(1)) if slowest else 0.0,
    )


# Each of wrk's threads takes every other item, from its own offset: the items spread evenly.
_TAKE_TURNS = """
local threads = 0
counter, id = 0, 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
local function next_of(items)
  counter = counter + 1
  return items[((counter * 2 + id) % #items) + 1]
end
"""


def fans_script(path: Path, sessions: list[str]) -> str:
    """Each request as the next of many fans: their pages are rarely in a worker's cache."""
    listed = ",\n".join(f'"{s}"' for s in sessions)
    path.write_text(
        f"""
local sessions = {{
{listed}
}}
{_TAKE_TURNS}
function request()
  wrk.headers["Cookie"] = "sessionid=" .. next_of(sessions)
  return wrk.format("GET", nil)
end
"""
    )
    return str(path)


def paths_script(path: Path, paths: list[str]) -> str:
    """Each request the next of a few pages, anonymous: readers spread over them at once."""
    listed = ", ".join(f'"{p}"' for p in paths)
    path.write_text(
        f"""
local paths = {{ {listed} }}
{_TAKE_TURNS}
function request()
  return wrk.format("GET", next_of(paths))
end
"""
    )
    return str(path)
