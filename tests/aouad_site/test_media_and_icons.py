from __future__ import annotations

from pathlib import Path

from django.test import Client


def test_uploaded_files_are_served_with_a_long_immutable_cache(
    client: Client, media_root: Path
) -> None:
    (media_root / "portraits").mkdir()
    (media_root / "portraits" / "abc.webp").write_bytes(b"RIFF....WEBP")

    response = client.get("/media/portraits/abc.webp")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"RIFF....WEBP"
    assert "max-age=31536000" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_media_paths_cannot_climb_out_of_the_media_folder(client: Client, media_root: Path) -> None:
    (media_root.parent / "secret.txt").write_text("not for you")

    for path in ("/media/../secret.txt", "/media/%2e%2e/secret.txt", "/media/..%2fsecret.txt"):
        response = client.get(path)
        assert response.status_code in (400, 404), path
        assert b"not for you" not in response.content


def test_favicon_ico_points_at_the_svg_icon(client: Client) -> None:
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == "/static/img/favicon.svg"


def test_the_benchmark_endpoint_is_off_unless_asked_for(client: Client) -> None:
    assert client.get("/bench/minimal/").status_code == 404


def test_robots_txt_keeps_crawlers_out_of_per_fan_pages(client: Client) -> None:
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Disallow: /admin/" in lines and "Disallow: /accounts/" in lines
    assert "Disallow: /ko/admin/" in lines and "Disallow: /ko/accounts/" in lines
    assert "Disallow: /theories/" not in lines
