import pytest

from summits.anchoring import context, locate, reanchor

OLD = "Nous nous engageons à investir au moins 2 % du PIB dans la défense. Au moins 2 % ."


def anchor_args(text, quote, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    prefix, suffix = context(text, start, end)
    return start, end, prefix, suffix


@pytest.mark.parametrize(
    ("new_text", "quote", "occurrence", "expected"),
    [
        # unchanged text: same place
        (OLD, "investir", 0, "investir"),
        # words inserted before: found further on
        ("Aujourd'hui, " + OLD, "investir", 0, "investir"),
        # typo corrected elsewhere in the paragraph
        (OLD.replace("défense", "défence"), "au moins 2 %", 0, "au moins 2 %"),
        # double space in the quote corrected: whitespace-insensitive match
        (OLD.replace("à investir", "à  investir"), "à investir", 0, "à  investir"),
        # the quote itself rewritten: gone
        (OLD.replace("investir", "consacrer"), "investir", 0, None),
        # empty new text
        ("", "investir", 0, None),
    ],
)
def test_reanchor_finds_the_quote_in_a_corrected_text(new_text, quote, occurrence, expected):
    start, end, prefix, suffix = anchor_args(OLD, quote.replace("  ", " "), occurrence)
    span = reanchor(OLD, new_text, quote.replace("  ", " "), start, end, prefix, suffix)
    if expected is None:
        assert span is None
    else:
        assert span is not None
        assert new_text[span[0] : span[1]] == expected


def test_reanchor_tells_two_copies_of_a_quote_apart_by_their_context():
    # "2 %" twice; the annotation is on the second one ("Au moins 2 %" at the end).
    start, end, prefix, suffix = anchor_args(OLD, "2 %", occurrence=1)
    new_text = "Préambule ajouté. " + OLD
    span = reanchor(OLD, new_text, "2 %", start, end, prefix, suffix)
    assert span == (start + len("Préambule ajouté. "), end + len("Préambule ajouté. "))


def test_reanchor_moves_off_its_old_offsets_when_the_context_there_changed():
    text = "aaaa 2 % bbbb; cccc 2 % dddd"
    start, end, prefix, suffix = anchor_args(text, "2 %", occurrence=1)
    new_text = "cccc 2 % dddd; aaaa 2 % bbbb"  # the two halves swapped, same length
    assert new_text[start:end] == "2 %"  # the old offsets hold the other copy
    assert reanchor(text, new_text, "2 %", start, end, prefix, suffix) == (5, 8)


@pytest.mark.parametrize(
    ("text", "quote", "hint", "expected"),
    [
        ("abc abc", "abc", 0, (0, 3)),
        ("abc abc", "abc", 5, (4, 7)),
        ("Alliés de l'OTAN", "alliés   de", 0, (0, 9)),
        ("rien", "tout", 0, None),
        ("rien", "", 0, None),
    ],
)
def test_locate_picks_the_nearest_occurrence(text, quote, hint, expected):
    assert locate(text, quote, hint=hint) == expected


def test_context_keeps_a_little_text_each_side():
    text = "x" * 50 + "QUOTE" + "y" * 50
    prefix, suffix = context(text, 50, 55)
    assert prefix == "x" * 32 and suffix == "y" * 32
    assert context("QUOTE", 0, 5) == ("", "")
