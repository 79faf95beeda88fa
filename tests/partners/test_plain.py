"""The plain modules: workflow, Markdown rendering, attachment checks, digest selection."""

from datetime import UTC, datetime, timedelta

import pytest

from anett.partners import attachments, digest, rendering, workflow

# --- workflow ---------------------------------------------------------------------------


def test_full_path_through_the_workflow():
    kw = {"actor_id": 2, "author_id": 1, "is_admin": False}
    assert workflow.check("submit", "draft", **kw) == "in_review"
    assert workflow.check("publish", "in_review", **kw) == "published"
    assert workflow.check("withdraw", "published", **kw) == "withdrawn"
    assert workflow.check("reopen", "withdrawn", **kw) == "draft"


def test_author_cannot_publish_own_insight_but_admin_can():
    with pytest.raises(workflow.TransitionError, match="zweite Person"):
        workflow.check("publish", "in_review", actor_id=1, author_id=1, is_admin=False)
    assert (
        workflow.check("publish", "in_review", actor_id=1, author_id=1, is_admin=True)
        == "published"
    )


def test_sending_back_needs_a_comment():
    with pytest.raises(workflow.TransitionError, match="Kommentar"):
        workflow.check("return", "in_review", actor_id=2, author_id=1, is_admin=False)
    assert (
        workflow.check(
            "return", "in_review", actor_id=2, author_id=1, is_admin=False, comment="Quelle?"
        )
        == "draft"
    )


@pytest.mark.parametrize(
    ("action", "status"),
    [("publish", "draft"), ("submit", "published"), ("withdraw", "draft"), ("bogus", "draft")],
)
def test_impossible_steps_are_refused(action, status):
    with pytest.raises(workflow.TransitionError):
        workflow.check(action, status, actor_id=2, author_id=1, is_admin=False)


def test_available_steps():
    assert [t.action for t in workflow.available("in_review")] == ["publish", "return"]
    assert [t.action for t in workflow.available("published")] == ["withdraw"]


# --- rendering --------------------------------------------------------------------------


def test_markdown_is_rendered():
    html = rendering.markdown_to_html("# Titel\n\n**fett** und *kursiv*\n\n- a\n- b")
    assert "<h2>Titel</h2>" in html
    assert "<strong>fett</strong>" in html
    assert "<li>a</li>" in html


@pytest.mark.parametrize(
    "evil",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[klick](javascript:alert(1))",
        '<a href="https://x.example" onclick="steal()">x</a>',
        "<style>body{display:none}</style>",
        '<iframe src="https://evil.example"></iframe>',
    ],
)
def test_html_is_sanitised(evil):
    html = rendering.markdown_to_html(f"Text\n\n{evil}\n")
    lowered = html.lower()
    assert "<script" not in lowered
    assert "onerror" not in lowered and "onclick" not in lowered
    assert "javascript:" not in lowered
    assert "<style" not in lowered and "<iframe" not in lowered


def test_links_are_safe():
    html = rendering.markdown_to_html("[ANeTT](https://anett.example/)")
    assert 'href="https://anett.example/"' in html
    assert 'rel="noopener noreferrer nofollow"' in html


def test_plain_text():
    assert rendering.plain_text("## Kopf\n\n**fett** <b>x</b>") == "Kopf fett x"


# --- attachments ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "head", "ctype"),
    [
        ("bericht.pdf", b"%PDF-1.7\n", "application/pdf"),
        ("Plan.DOCX", b"PK\x03\x04rest", attachments.TYPES["docx"][0]),
        ("zahlen.xlsx", b"PK\x03\x04rest", attachments.TYPES["xlsx"][0]),
        ("bild.png", b"\x89PNG\r\n\x1a\nrest", "image/png"),
        ("foto.jpg", b"\xff\xd8\xff\xe0rest", "image/jpeg"),
        ("liste.csv", "Kreis;Anzahl\nGotha;3\n".encode("cp1252"), "text/csv"),
    ],
)
def test_allowed_files(name, head, ctype):
    assert attachments.check_file(name, 1000, head).content_type == ctype


def test_forbidden_type_is_named_in_the_message():
    with pytest.raises(ValueError, match="programm.exe"):
        attachments.check_file("programm.exe", 10, b"MZ")


def test_renamed_program_is_refused():
    with pytest.raises(ValueError, match="PDF"):
        attachments.check_file("harmlos.pdf", 10, b"MZ\x90\x00")


def test_size_limit():
    with pytest.raises(ValueError, match="11,0 MB"):
        attachments.check_file("gross.pdf", 11 * 1024 * 1024, b"%PDF", max_mb=10)
    with pytest.raises(ValueError, match="leer"):
        attachments.check_file("leer.pdf", 0, b"", max_mb=10)


# --- digest selection -------------------------------------------------------------------

NOW = datetime(2026, 3, 1, 12, tzinfo=UTC)


def _c(i, days_ago):
    return digest.Candidate(i, NOW - timedelta(days=days_ago))


def test_first_digest_takes_the_last_days_newest_first():
    picked = digest.select(
        [_c(1, 40), _c(2, 10), _c(3, 2)], already_sent=set(), last_digest=None, now=NOW
    )
    assert picked == [3, 2]


def test_later_digest_takes_only_what_came_since_and_never_repeats():
    picked = digest.select(
        [_c(1, 10), _c(2, 5), _c(3, 1)],
        already_sent={3},
        last_digest=NOW - timedelta(days=6),
        now=NOW,
    )
    assert picked == [2]


def test_nothing_from_the_future():
    assert digest.select([_c(1, -1)], already_sent=set(), last_digest=None, now=NOW) == []
