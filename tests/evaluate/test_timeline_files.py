"""Reading and writing timelines in the Timeline17 text format."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from dateline.errors import InputProblem
from dateline.evaluate.timeline_files import SEPARATOR, read_timeline, write_timeline

DASHES = "-" * 32


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "timeline.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_blocks_and_strips_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        f"2010-09-19\nThe well is sealed . \n\n{DASHES}\n2010-09-17 \nBP pumps cement .\n"
        f"Relief well done .\n{DASHES}\n",
    )
    assert read_timeline(path) == {
        dt.date(2010, 9, 19): ["The well is sealed ."],
        dt.date(2010, 9, 17): ["BP pumps cement .", "Relief well done ."],
    }


def test_a_repeated_date_keeps_the_later_block_as_tilse_does(tmp_path: Path) -> None:
    path = write(tmp_path, f"2009-05-01\nfirst\n{DASHES}\n2009-05-01\nsecond\n{DASHES}\n")
    assert read_timeline(path) == {dt.date(2009, 5, 1): ["second"]}


def test_a_date_with_no_sentences_is_kept(tmp_path: Path) -> None:
    assert read_timeline(write(tmp_path, f"2009-05-01\n{DASHES}\n")) == {dt.date(2009, 5, 1): []}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (f"2011-04-0\nMichael Jackson's doctor charged .\n{DASHES}\n", 1, "invalid date"),
        (f"The sentence comes first .\n{DASHES}\n", 1, "expected a date line"),
        (f"2011-04-02\nA sentence .\n2011-04-03\n{DASHES}\n", 3, "inside the block of line 1"),
        (f"2011-04-02\nA sentence .\n{DASHES}\n2011-04-03\nUnfinished .\n", 4, "no closing line"),
        (f"{DASHES}\n", 1, "without a date line"),
    ],
)
def test_malformed_files_name_the_line(tmp_path: Path, text: str, line: int, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputProblem, match=message) as caught:
        read_timeline(path)
    assert caught.value.line == line
    assert caught.value.path == str(path)


def test_a_missing_or_undecodable_file_is_an_input_problem(tmp_path: Path) -> None:
    with pytest.raises(InputProblem, match="cannot read"):
        read_timeline(tmp_path / "absent.txt")
    (tmp_path / "latin1.txt").write_bytes(b"2010-01-01\ncaf\xe9\n")
    with pytest.raises(InputProblem, match="cannot read"):
        read_timeline(tmp_path / "latin1.txt")


def test_write_then_read_round_trips_in_date_order(tmp_path: Path) -> None:
    timeline = {dt.date(2010, 5, 2): ["Second day .", "Two sentences ."], dt.date(2010, 5, 1): ["First day ."]}
    path = tmp_path / "out" / "topic" / "tl.txt"
    write_timeline(timeline, path)
    assert path.read_text(encoding="utf-8") == (
        f"2010-05-01\nFirst day .\n{SEPARATOR}\n2010-05-02\nSecond day .\nTwo sentences .\n{SEPARATOR}\n"
    )
    assert read_timeline(path) == timeline


def test_write_keeps_each_sentence_on_one_line(tmp_path: Path) -> None:
    path = tmp_path / "tl.txt"
    write_timeline({dt.date(2010, 5, 1): ["A headline\nand its  text", "   "]}, path)
    assert read_timeline(path) == {dt.date(2010, 5, 1): ["A headline and its text"]}


def test_reads_every_t17_reference_timeline(shared_data: Path) -> None:
    """All 19 files read; dates repeated in a file (H1N1_bbc, IraqWar_guardian,
    bpoil_guardian) are counted once, as tilse counts them."""
    files = sorted((shared_data / "t17").glob("*/timelines/*.txt"))
    sizes = {f"{path.parent.parent.name}/{path.name}": len(read_timeline(path)) for path in files}
    assert len(sizes) == 19
    assert sizes["H1N1_bbc/influenza_A_h1n1_scotland_bbc.txt"] == 7
    assert sizes["IraqWar_guardian/tl7.txt"] == 155
    assert sizes["bpoil_guardian/guardian.txt"] == 102
    assert sizes["MJ_bbc/bbc.co.uk.txt"] == 38
    assert sum(sizes.values()) == 692
