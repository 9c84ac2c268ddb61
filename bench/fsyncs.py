"""How many fsyncs SQLite makes for acknowledged votes, in production and in development.

    apt-get install strace
    .venv/bin/python bench/fsyncs.py            # 200 votes, each its own transaction

A vote is acknowledged when its transaction commits; it survives a power cut only if that
commit reached the disk. With `synchronous=FULL` (production) every commit syncs the WAL;
with `NORMAL` (development) only checkpoints do, so the last commits before a power cut may go.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import servers  # bench/servers.py, beside this script

ROOT = Path(__file__).resolve().parent.parent

SETUP = """
from accounts.models import User
from accounts.usernames import skeleton_key
User.objects.bulk_create(
    User(username=f"voter{n}", username_skeleton=skeleton_key(f"voter{n}")) for n in range(VOTERS)
)
"""
VOTES = """
from accounts.models import User
from theories.models import Theory
from theories.services import cast_vote
theory = Theory.objects.published().first()
for user in User.objects.filter(username__startswith="voter"):
    cast_vote(user=user, theory_id=theory.pk, value=1)
print(theory.votes.filter(user__username__startswith="voter").count())
"""


def _manage(env: dict[str, str], *args: str, strace_to: Path | None = None) -> str:
    command = [sys.executable, "manage.py", *args]
    if strace_to is not None:
        command = ["strace", "-f", "-c", "-e", "trace=fsync,fdatasync", "-o", str(strace_to)]
        command += [sys.executable, "manage.py", *args]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def _syncs(summary: str) -> int:
    # strace -c: "% time  seconds  usecs/call  calls  errors syscall"
    return sum(
        int(match[1])
        for match in re.finditer(
            r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+.*?(?:fsync|fdatasync)$", summary, re.M
        )
    )


def measure(votes: int, *, production: bool) -> tuple[int, int]:
    with tempfile.TemporaryDirectory() as work:
        env = servers.production_env(Path(work))
        if not production:
            env["DJANGO_DEBUG"] = "1"
        env["DJANGO_SQLITE_PATH"] = str(Path(work) / "db.sqlite3")
        env["DJANGO_CACHE_DIR"] = str(Path(work) / "cache")
        _manage(env, "migrate", "--noinput")
        _manage(env, "load_demo", "--allow-production")
        _manage(env, "shell", "-c", SETUP.replace("VOTERS", str(votes)))
        summary = Path(work) / "strace.txt"
        counted = int(_manage(env, "shell", "-c", VOTES, strace_to=summary).split()[-1])
        return counted, _syncs(summary.read_text())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--votes", type=int, default=200)
    args = parser.parse_args()
    for production in (True, False):
        counted, syncs = measure(args.votes, production=production)
        mode = "production (FULL)" if production else "development (NORMAL)"
        print(f"{mode:22} {counted} votes acknowledged, {syncs} fsync/fdatasync calls")


if __name__ == "__main__":
    main()
