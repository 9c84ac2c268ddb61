from __future__ import annotations

from aouad_site.markdown import render_markdown


def test_it_renders_ordinary_markdown() -> None:
    html = render_markdown("*maybe* **surely**\n\n- one\n- two\n\n> quoted")

    assert "<em>maybe</em> <strong>surely</strong>" in html
    assert "<ul>\n<li>one</li>" in html
    assert "<blockquote>" in html


def test_raw_html_is_shown_as_text_never_run() -> None:
    html = render_markdown('<iframe src="https://evil.example"></iframe><b onclick="x()">b</b>')

    assert "<iframe" not in html and "<b " not in html
    assert "&lt;iframe" in html


def test_dangerous_links_lose_their_href_and_safe_ones_get_rel() -> None:
    html = render_markdown(
        "[a](javascript:alert(1)) [b](data:text/html,hi) [c](https://ok.example)"
    )

    assert 'href="javascript' not in html and 'href="data' not in html
    assert '<a href="https://ok.example" rel="nofollow ugc noopener noreferrer">c</a>' in html


def test_images_from_elsewhere_are_not_embedded() -> None:
    html = render_markdown("![tracker](https://evil.example/pixel.gif)")

    assert "<img" not in html


def test_headings_never_outrank_the_page() -> None:
    html = render_markdown("# Big\n\n## Bigger\n\n###### Tiny")

    assert "<h1>" not in html and "<h2>" not in html
    assert html.count("<h3>") == 2
    assert "<h4>Tiny</h4>" in html
