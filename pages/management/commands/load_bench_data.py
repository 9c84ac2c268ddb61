"""Generate a large, deterministic dataset for benchmarks (see bench/README.md).

    python manage.py load_bench_data --theories 100000 --users 20000 --votes 1000000 \\
        --comments 50000 --seed 7

Shapes are realistic rather than uniform: theory popularity follows a power law (a few very
popular theories, a long tail), votes spread from each theory's posting to now, most theories
lean positive, authors and commenters are unevenly active, characters and quotes are linked.
Counters and ranks are computed in Python and written with the rows, so the data is ready
to serve without any per-vote work. Rows go in with bulk inserts (COPY on PostgreSQL).
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from accounts.models import User
from accounts.usernames import skeleton_key
from characters.models import Character
from discussion.models import Comment
from moderation.models import ContentStatus
from pages.management.bench_rows import WORDS, copy_rows
from quotes.models import Quote, Stance
from search import index
from search.models import SearchEntry
from theories import ranking
from theories.models import Citation, Theory

BATCH = 5000


class Command(BaseCommand):
    help = "Load a large deterministic dataset for benchmarks (adds to what is there)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--theories", type=int, default=1000)
        parser.add_argument("--users", type=int, default=2000)
        parser.add_argument("--votes", type=int, default=10000)
        parser.add_argument("--comments", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--days", type=int, default=180, help="how far back posts go")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        rng = random.Random(options["seed"])  # noqa: S311 - test data, not secrets
        now = datetime.now(UTC).replace(microsecond=0)
        users, theories, votes = options["users"], options["theories"], options["votes"]
        if votes > users * theories:
            raise CommandError("More votes than (user, theory) pairs: add users or theories.")
        with transaction.atomic():
            user_ids = self._users(users, options["seed"])
            rows = self._theories(rng, user_ids, theories, options["days"], now)
            vote_count = self._votes(rng, user_ids, rows, votes, now)
            self._comments(rng, user_ids, rows, options["comments"], now)
        with transaction.atomic():
            self._index(rows)
        with connection.cursor() as cursor:
            # Fresh statistics: right after a bulk load PostgreSQL's planner still believes
            # the tables are empty and picks plans 1000 times slower (measured: 1.5 s → 1 ms).
            cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(user_ids)} users, {len(rows)} theories, {vote_count} votes and "
                f"{options['comments']} comments in {time.monotonic() - started:.1f} s "
                f"({connection.vendor})."
            )
        )

    # --- users --------------------------------------------------------------

    def _users(self, count: int, seed: int) -> list[int]:
        password = make_password("bench-password-not-secret")  # hashed once, shared
        joined = datetime.now(UTC) - timedelta(days=400)  # established fans, not new accounts
        prefix = f"bench{seed}_"
        existing = set(
            User.objects.filter(username__startswith=prefix).values_list("username", flat=True)
        )
        User.objects.bulk_create(
            (
                User(
                    username=f"{prefix}{n}",
                    username_skeleton=skeleton_key(f"{prefix}{n}"),  # bulk_create skips save()
                    email=f"{prefix}{n}@bench.invalid",
                    password=password,
                    date_joined=joined,
                )
                for n in range(count)
                if f"{prefix}{n}" not in existing
            ),
            batch_size=BATCH,
        )
        return list(
            User.objects.filter(username__startswith=prefix)
            .order_by("pk")
            .values_list("pk", flat=True)
        )

    # --- theories -----------------------------------------------------------

    def _theories(
        self, rng: random.Random, user_ids: list[int], count: int, days: int, now: datetime
    ) -> list[dict[str, Any]]:
        character_ids = list(Character.objects.values_list("pk", flat=True))
        quote_ids = list(
            Quote.objects.filter(status=ContentStatus.PUBLISHED).values_list("pk", flat=True)
        )
        # Authors: a few prolific ones, many occasional (a power law over users).
        author_weights = list(accumulate(1 / (i + 1) ** 0.8 for i in range(len(user_ids))))
        rows = []
        for n in range(count):
            words = rng.sample(WORDS, 6)
            title = f"Theory {n}: the {words[0]} and the {words[1]} of season 2"
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 120))) + "."
            created = now - timedelta(seconds=rng.randint(0, days * 86400))
            author = rng.choices(user_ids, cum_weights=author_weights)[0]
            rows.append(
                {
                    "title": title,
                    "body": body,
                    "author_id": author,
                    "created": created,
                    "spoiler": rng.random() < 0.05,
                    "characters": rng.sample(
                        character_ids, min(len(character_ids), rng.randint(0, 3))
                    ),
                    "quotes": rng.sample(quote_ids, min(len(quote_ids), rng.randint(0, 2))),
                    "up": 0,
                    "down": 0,
                    "lean": rng.uniform(0.45, 0.97),
                }
            )
        return rows

    # --- votes --------------------------------------------------------------

    def _votes(
        self,
        rng: random.Random,
        user_ids: list[int],
        rows: list[dict[str, Any]],
        total: int,
        now: datetime,
    ) -> int:
        # Popularity: a power law over a shuffled order, so popular theories are of any age.
        order = list(range(len(rows)))
        rng.shuffle(order)
        weights = [0.0] * len(rows)
        for rank, position in enumerate(order):
            weights[position] = 1 / (rank + 1) ** 0.9
        scale = total / sum(weights)
        wanted = [min(len(user_ids), int(w * scale)) for w in weights]
        shortfall = total - sum(wanted)
        for position in order:  # top up the most popular first, within the number of users
            if shortfall <= 0:
                break
            extra = min(shortfall, len(user_ids) - wanted[position])
            wanted[position] += extra
            shortfall -= extra

        self._insert_theories(rows)
        buffer: list[tuple[int, int, int, datetime]] = []
        written = 0
        for row, k in zip(rows, wanted, strict=True):
            if k == 0:
                continue
            span = max(1, int((now - row["created"]).total_seconds()))
            for user_id in rng.sample(user_ids, k):
                value = 1 if rng.random() < row["lean"] else -1
                if value == 1:
                    row["up"] += 1
                else:
                    row["down"] += 1
                buffer.append(
                    (
                        user_id,
                        row["pk"],
                        value,
                        row["created"] + timedelta(seconds=rng.randint(0, span)),
                    )
                )
            if len(buffer) >= 50_000:
                written += copy_rows(
                    "theories_vote", ("user_id", "theory_id", "value", "created"), buffer
                )
                buffer = []
        written += copy_rows("theories_vote", ("user_id", "theory_id", "value", "created"), buffer)
        self._write_counters(rows)
        return written

    def _insert_theories(self, rows: list[dict[str, Any]]) -> None:
        objects = [
            Theory(
                title=r["title"],
                body=r["body"],
                author_id=r["author_id"],
                created=r["created"],
                published_at=r["created"],
                spoiler=r["spoiler"],
                status=ContentStatus.PUBLISHED,
                hot=ranking.hot(0, r["created"]),
            )
            for r in rows
        ]
        for theory in objects:
            theory.slug = Theory.slug_for(theory.title)
        created = Theory.objects.bulk_create(objects, batch_size=BATCH)
        for row, theory in zip(rows, created, strict=True):
            row["pk"] = theory.pk
        Theory.characters.through.objects.bulk_create(
            (
                Theory.characters.through(theory_id=r["pk"], character_id=c)
                for r in rows
                for c in r["characters"]
            ),
            batch_size=BATCH,
        )
        Citation.objects.bulk_create(
            (
                Citation(theory_id=r["pk"], quote_id=q, stance=Stance.SUPPORTS, note="Generated.")
                for r in rows
                for q in r["quotes"]
            ),
            batch_size=BATCH,
        )

    def _write_counters(self, rows: list[dict[str, Any]]) -> None:
        updates = []
        for r in rows:
            score = r["up"] - r["down"]
            updates.append(
                (
                    score,
                    r["up"],
                    r["down"],
                    ranking.hot(score, r["created"]),
                    ranking.best(r["up"], r["down"]),
                    ranking.controversy(r["up"], r["down"]),
                    r["pk"],
                )
            )
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE theories_theory SET score = %s, upvotes = %s, downvotes = %s, "
                "hot = %s, best = %s, controversy = %s WHERE id = %s",
                updates,
            )

    # --- comments -----------------------------------------------------------

    def _comments(
        self,
        rng: random.Random,
        user_ids: list[int],
        rows: list[dict[str, Any]],
        count: int,
        now: datetime,
    ) -> None:
        if not count or not rows:
            return
        popularity = list(accumulate(r["up"] + r["down"] + 1 for r in rows))
        top_level = Comment.objects.bulk_create(
            (
                Comment(
                    theory_id=row["pk"],
                    author_id=rng.choice(user_ids),
                    body=" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 40))),
                    created=row["created"] + timedelta(seconds=rng.randint(0, 86400)),
                    published_at=now,
                )
                for row in rng.choices(rows, cum_weights=popularity, k=count - count // 3)
            ),
            batch_size=BATCH,
        )
        Comment.objects.bulk_create(
            (
                Comment(
                    theory_id=parent.theory_id,
                    parent_id=parent.pk,
                    author_id=rng.choice(user_ids),
                    body=" ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 30))),
                    created=parent.created + timedelta(seconds=rng.randint(60, 86400)),
                    published_at=now,
                )
                for parent in rng.choices(top_level, k=count // 3)
            ),
            batch_size=BATCH,
        )

    # --- search and raw inserts ---------------------------------------------

    def _index(self, rows: list[dict[str, Any]]) -> None:
        slugs = dict(Character.objects.values_list("pk", "slug"))
        SearchEntry.objects.bulk_create(
            (
                index.theory_entry(
                    Theory(
                        pk=r["pk"],
                        title=r["title"],
                        body=r["body"],
                        slug=Theory.slug_for(r["title"]),
                    ),
                    [slugs[c] for c in r["characters"]],
                )
                for r in rows
            ),
            batch_size=BATCH,
        )
