"""Credit and signature lines (features/social.py): found with their cue and name, prose left alone."""

from __future__ import annotations

import pytest

from credibly.features.document import parse


def _lines(text: str) -> list[tuple[str, str, str]]:
    doc = parse(text)
    return [
        (line.kind, text[line.cue_start : line.cue_end], text[line.name_start : line.name_end])
        for line in doc.social_lines
    ]


@pytest.mark.parametrize(
    ("line", "cue", "name"),
    [
        ("Photo: Reuters/Jane Doe", "Photo:", "Reuters/Jane Doe"),
        ("(Image by Jane Doe/Getty Images)", "Image by", "Jane Doe/Getty Images"),
        ("VIDEO COURTESY OF the county sheriff", "VIDEO COURTESY OF", "the county sheriff"),
        ("Source: Centers for Disease Control", "Source:", "Centers for Disease Control"),
        ("AP Photo/Evan Vucci", "AP Photo/Evan Vucci", "AP Photo/Evan Vucci"),
        ("AFP via Getty Images", "AFP via Getty Images", "AFP via Getty Images"),
    ],
)
def test_credit_lines_are_found_with_their_cue_and_name(line, cue, name):
    text = f"The minister spoke on Monday.\n{line}\nShe left soon after."
    assert _lines(text) == [("credit", cue, name)]


def test_signature_line_of_an_embedded_post():
    text = "Officials confirmed the strike.\n— TRT World (@trtworld) October 2, 2020\nMore later."
    assert _lines(text) == [("signature", "@trtworld", "TRT World")]


@pytest.mark.parametrize(
    "line",
    [
        "Reuters reported the figures on Tuesday",  # an agency in prose, no credit form
        "The photographs were taken in the morning",  # the cue word needs its ':' / 'by' / 'courtesy'
        "She said the sources were reliable.",
    ],
)
def test_prose_is_no_credit_line(line):
    assert _lines(f"First paragraph here.\n{line}\nLast one.") == []
