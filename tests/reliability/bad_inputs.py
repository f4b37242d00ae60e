"""A generated corpus of bad input files, one folder per kind, each with what reading it
must give: how many articles, and which problems (file, line, words of the message).

Every kind is either read correctly (a BOM, UTF-16 with a BOM, a time zone on a date) or
refused with a problem naming the file, and the line where there is one; good articles
beside a bad one (other lines of the same JSON Lines file, other rows of a CSV) are still
read. ``write_corpus(root)`` writes them all; the tests read each kind alone, then ingest
the whole corpus at once through the real CLI. Files are small: the 100 MB article and
the million tiny articles are in ``bench/bench_bad_input.py``; here an article just over
the default limit (10 M characters) stands for the first, 100,000 tiny ones for the second.
"""

from __future__ import annotations

import gzip
import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dateline.ingest.decode import DEFAULT_MAX_CHARS

BODY = "Officials met on Monday to discuss the plan. They will meet again next month."


@dataclass(frozen=True)
class Problem:
    """An expected problem: the file (relative to the kind's folder, as the reader prints
    it), the line (None: whole file), and a fragment of the message."""

    file: str
    line: int | None
    says: str


@dataclass(frozen=True)
class Expect:
    articles: int
    problems: tuple[Problem, ...] = ()


Writer = Callable[[Path], Expect]
KINDS: dict[str, Writer] = {}


def kind(name: str) -> Callable[[Writer], Writer]:
    def register(writer: Writer) -> Writer:
        KINDS[name] = writer
        return writer

    return register


def write_corpus(root: Path) -> dict[str, Expect]:
    """Write every kind into ``root/<kind>/`` and return what reading each must give."""
    expected = {}
    for name, writer in KINDS.items():
        folder = root / name
        folder.mkdir(parents=True)
        expected[name] = writer(folder)
    return expected


def record(day: int = 1, text: str = BODY, **fields: object) -> dict[str, object]:
    return {"date": f"2020-03-{day:02d}", "text": f"{text} ({day})", **fields}


def jsonl(*records: dict[str, object] | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def plaintext(date: str = "2020-03-01", body: str = BODY) -> str:
    return f" date {date} A headline with some words\n\n{body}\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


# Encodings and byte order marks


@kind("latin1-text")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext(body="Caf\xe9 talks.").encode("latin-1"))
    return Expect(0, (Problem("a.txt", 3, "not valid UTF-8 (byte 0xe9"),))


@kind("cp1252-quotes-in-jsonl")
def _(folder: Path) -> Expect:
    bad = json.dumps(record(2, "\u201cquoted\u201d"), ensure_ascii=False).encode("cp1252")
    write(folder, "a.jsonl", jsonl(record(1)).encode() + bad + b"\n" + jsonl(record(3)).encode())
    return Expect(2, (Problem("a.jsonl", 2, "not valid UTF-8"),))


@kind("utf8-bom-text")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", b"\xef\xbb\xbf" + plaintext().encode())
    return Expect(1)


@kind("utf8-bom-jsonl")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", b"\xef\xbb\xbf" + jsonl(record(1), record(2)).encode())
    return Expect(2)


@kind("utf8-bom-csv")
def _(folder: Path) -> Expect:
    write(folder, "a.csv", b"\xef\xbb\xbfdate,text\n2020-03-01,Talks were held.\n")
    return Expect(1)


@kind("utf16le-bom-text")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext().encode("utf-16"))
    return Expect(1)


@kind("utf16be-bom-jsonl")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", b"\xfe\xff" + jsonl(record(1), record(2)).encode("utf-16-be"))
    return Expect(2)


@kind("utf32-bom-json")
def _(folder: Path) -> Expect:
    write(folder, "a.json", json.dumps([record(1)]).encode("utf-32"))
    return Expect(1)


@kind("utf16-without-bom")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext().encode("utf-16-le"))
    return Expect(0, (Problem("a.txt", 1, "NUL bytes"),))


@kind("utf16-odd-length")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext().encode("utf-16") + b"\x41")
    return Expect(0, (Problem("a.txt", 4, "not valid UTF-16-LE"),))


@kind("bom-only")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", b"\xef\xbb\xbf")
    return Expect(0, (Problem("a.txt", 1, "start with ' date"),))


@kind("truncated-multibyte-at-end")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext(body="Talks in K").encode().rstrip(b"\n") + b"\xc3")
    return Expect(0, (Problem("a.txt", 3, "not valid UTF-8"),))


@kind("overlong-utf8")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext().encode() + b"\xc0\xaf\n")
    return Expect(0, (Problem("a.txt", 4, "byte 0xc0"),))


@kind("utf8-encoded-surrogate")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext().encode() + b"\xed\xa0\x80\n")
    return Expect(0, (Problem("a.txt", 4, "byte 0xed"),))


# NUL bytes, binaries, escapes that are not text


@kind("nul-byte-in-text")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext(body="Talks\x00 held."))
    return Expect(0, (Problem("a.txt", 3, "NUL"),))


@kind("nul-byte-in-jsonl-line")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl(record(1), '{"date": "2020-03-02", "text": "a\x00b"}', record(3)))
    return Expect(2, (Problem("a.jsonl", 2, "NUL"),))


@kind("nul-escape-in-json-text")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl(record(1, "a\x00b"), record(2)))
    return Expect(1, (Problem("a.jsonl", 1, "NUL"),))


@kind("lone-surrogate-escape-in-text")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", '{"date": "2020-03-01", "text": "bad \\ud800 text"}\n' + jsonl(record(2)))
    return Expect(1, (Problem("a.jsonl", 1, "unpaired surrogate"),))


@kind("lone-surrogate-escape-in-title")
def _(folder: Path) -> Expect:
    write(folder, "a.json", '[{"date": "2020-03-01", "text": "Fine text.", "title": "\\udfff"}]')
    return Expect(0, (Problem("a.json", None, "record 0: contains an unpaired surrogate"),))


@kind("random-binary-as-text")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", bytes(random.Random(7).randrange(256) for _ in range(4096)))
    return Expect(0, (Problem("a.txt", 1, "not valid UTF-8"),))


@kind("gzip-named-text")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", gzip.compress(plaintext().encode(), mtime=0))
    return Expect(0, (Problem("a.txt", 1, "not valid UTF-8"),))


# JSON that is broken, hostile or of the wrong shape


@kind("truncated-json-array")
def _(folder: Path) -> Expect:
    write(folder, "a.json", json.dumps([record(1), record(2)], indent=1)[:-20])
    return Expect(0, (Problem("a.json", 8, "malformed JSON"),))


@kind("truncated-last-jsonl-line")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl(record(1), record(2)) + json.dumps(record(3))[:25])
    return Expect(2, (Problem("a.jsonl", 3, "malformed JSON"),))


@kind("deeply-nested-json")
def _(folder: Path) -> Expect:
    write(folder, "a.json", "[" * 200_000 + "]" * 200_000)
    return Expect(0, (Problem("a.json", None, "nested too deeply"),))


@kind("deeply-nested-jsonl-line")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl(record(1), '{"a": ' * 100_000 + "1" + "}" * 100_000, record(3)))
    return Expect(2, (Problem("a.jsonl", 2, "nested too deeply"),))


@kind("huge-integer-in-json")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl('{"date": "2020-03-01", "text": "x", "n": ' + "9" * 5000 + "}", record(2)))
    return Expect(1, (Problem("a.jsonl", 1, "malformed JSON"),))


@kind("json-scalar-document")
def _(folder: Path) -> Expect:
    write(folder, "a.json", "42")
    return Expect(0, (Problem("a.json", None, "expected an object, got int"),))


@kind("json-null-document")
def _(folder: Path) -> Expect:
    write(folder, "a.json", "null")
    return Expect(0, (Problem("a.json", None, "expected an object, got NoneType"),))


@kind("json-empty-array")
def _(folder: Path) -> Expect:
    write(folder, "a.json", "[]")
    return Expect(0, (Problem("a.json", None, "no articles in this file"),))


@kind("json-array-of-non-objects")
def _(folder: Path) -> Expect:
    write(folder, "a.json", json.dumps([1, "text", None, record(4)]))
    return Expect(1, tuple(Problem("a.json", None, f"record {i}: expected an object") for i in range(3)))


@kind("json-articles-not-a-list")
def _(folder: Path) -> Expect:
    write(folder, "a.json", '{"articles": "none"}')
    return Expect(0, (Problem("a.json", None, "missing; give 'date'"),))


@kind("json-trailing-garbage")
def _(folder: Path) -> Expect:
    write(folder, "a.json", json.dumps([record(1)]) + " garbage")
    return Expect(0, (Problem("a.json", 1, "malformed JSON: Extra data"),))


@kind("jsonl-fields-of-wrong-types")
def _(folder: Path) -> Expect:
    write(
        folder,
        "a.jsonl",
        jsonl({"date": "2020-03-01", "text": 5}, record(2, title={"a": 1}), record(3, url=[1]), record(4, id=7)),
    )
    return Expect(
        1,
        (
            Problem("a.jsonl", 1, "missing or empty"),
            Problem("a.jsonl", 2, "must be a string"),
            Problem("a.jsonl", 3, "must be a string"),
        ),
    )


@kind("jsonl-blank-lines-and-crlf")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", "\r\n  \r\n" + jsonl(record(1)).replace("\n", "\r\n") + "\n\n" + jsonl(record(2)))
    return Expect(2)


@kind("record-text-over-the-limit")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl(record(1), record(2, "x" * (DEFAULT_MAX_CHARS + 1)), record(3)))
    return Expect(2, (Problem("a.jsonl", 2, "longer than the limit of 10,000,000 characters"),))


# Publication dates


@kind("missing-date")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl({"text": "No date."}, {"date": "", "text": "Empty date."}, record(3)))
    return Expect(1, (Problem("a.jsonl", 1, "missing; give 'date'"), Problem("a.jsonl", 2, "missing; give 'date'")))


@kind("impossible-date")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl({"date": "2023-02-30", "text": "x"}, {"date": "0000-01-01", "text": "x"}))
    return Expect(
        0, (Problem("a.jsonl", 1, "not a real calendar date"), Problem("a.jsonl", 2, "not a real calendar date"))
    )


@kind("future-date")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext("2999-01-01"))
    return Expect(0, (Problem("a.txt", 1, "in the future"),))


@kind("ancient-date")
def _(folder: Path) -> Expect:
    write(folder, "a.csv", "date,text\n1066-10-14,The battle.\n2020-03-01,Fine.\n")
    return Expect(1, (Problem("a.csv", 2, "before 1800"),))


@kind("date-in-words")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl({"date": "yesterday", "text": "x"}, {"published": 20200101, "text": "x"}))
    return Expect(
        0, (Problem("a.jsonl", 1, "expected a date (YYYY-MM-DD"), Problem("a.jsonl", 2, "expected a date (YYYY-MM-DD"))
    )


@kind("date-with-time-and-zone")
def _(folder: Path) -> Expect:
    write(
        folder,
        "a.jsonl",
        jsonl(
            {"date": "2020-10-07T10:00:00+05:30", "text": "a"},
            {"time": "2020-10-08T10:00:00.123Z", "text": "b"},
            {"published": "2020-10-09 10:00", "text": "c"},
        ),
    )
    return Expect(3)


@kind("plaintext-month-13")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext("2020-13-01"))
    return Expect(0, (Problem("a.txt", 1, "not a real calendar date"),))


@kind("tilse-impossible-date-folder")
def _(folder: Path) -> Expect:
    day = folder / "topic" / "InputDocs" / "2011-02-30"
    day.mkdir(parents=True)
    write(day, "1.htm.txt", "A sentence .\n")
    return Expect(0, (Problem("topic/InputDocs/2011-02-30/1.htm.txt", None, "folder name"),))


@kind("tilse-future-date-folder")
def _(folder: Path) -> Expect:
    day = folder / "topic" / "InputDocs" / "2999-01-01"
    day.mkdir(parents=True)
    write(day, "1.htm.txt", "A sentence .\n")
    return Expect(0, (Problem("topic/InputDocs/2999-01-01/1.htm.txt", None, "in the future"),))


# Empty input


@kind("empty-text-file")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", "")
    return Expect(0, (Problem("a.txt", 1, "start with ' date"),))


@kind("whitespace-only-text-file")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", " \n\t\n  ")
    return Expect(0, (Problem("a.txt", 1, "start with ' date"),))


@kind("date-but-no-text")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", " date 2020-03-01\n\n   \n")
    return Expect(0, (Problem("a.txt", 1, "no text"),))


@kind("empty-jsonl")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", "")
    return Expect(0, (Problem("a.jsonl", None, "no articles in this file"),))


@kind("blank-lines-only-jsonl")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", "\n\n  \n")
    return Expect(0, (Problem("a.jsonl", None, "no articles in this file"),))


@kind("empty-json")
def _(folder: Path) -> Expect:
    write(folder, "a.json", "")
    return Expect(0, (Problem("a.json", None, "no articles in this file"),))


@kind("empty-csv")
def _(folder: Path) -> Expect:
    write(folder, "a.csv", "")
    return Expect(0, (Problem("a.csv", None, "no articles in this file"),))


@kind("csv-header-only")
def _(folder: Path) -> Expect:
    write(folder, "a.csv", "date,text\n")
    return Expect(0, (Problem("a.csv", None, "no articles in this file"),))


@kind("tilse-empty-article")
def _(folder: Path) -> Expect:
    day = folder / "topic" / "InputDocs" / "2011-01-25"
    day.mkdir(parents=True)
    write(day, "1.htm.txt", "\n\n")
    write(day, "2.htm.txt", "A real sentence .\n")
    return Expect(1, (Problem("topic/InputDocs/2011-01-25/1.htm.txt", None, "empty file"),))


# CSV


@kind("csv-without-text-column")
def _(folder: Path) -> Expect:
    write(folder, "a.csv", "date,body\n2020-03-01,x\n")
    return Expect(0, (Problem("a.csv", 1, "must name a 'text' column"),))


@kind("csv-ragged-rows")
def _(folder: Path) -> Expect:
    write(folder, "a.csv", "date,text,title\n2020-03-01,Fine,T,extra,more\n2020-03-02\n2020-03-03,Also fine\n")
    return Expect(2, (Problem("a.csv", 3, "missing or empty"),))


@kind("csv-unterminated-quote")
def _(folder: Path) -> Expect:
    write(folder, "a.csv", 'date,text\n2020-03-01,Fine\n2020-03-02,"never closed\n2020-03-03,x\n')
    return Expect(2)


# The file system


@kind("symlink-loop")
def _(folder: Path) -> Expect:
    (folder / "loop.txt").symlink_to("loop.txt")
    write(folder, "ok.txt", plaintext())
    return Expect(1, (Problem("loop.txt", None, "broken link"),))


@kind("symlinked-folder-loop")
def _(folder: Path) -> Expect:
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    write(folder / "sub", "a.txt", plaintext())
    return Expect(1)


@kind("broken-symlink")
def _(folder: Path) -> Expect:
    (folder / "gone.jsonl").symlink_to("does-not-exist.jsonl")
    return Expect(0, (Problem("gone.jsonl", None, "broken link"),))


@kind("fifo-named-like-an-article")
def _(folder: Path) -> Expect:
    os.mkfifo(folder / "pipe.txt")
    return Expect(0, (Problem("pipe.txt", None, "not a regular file"),))


@kind("folder-named-like-an-article")
def _(folder: Path) -> Expect:
    (folder / "x.txt").mkdir()
    write(folder / "x.txt", "inside.txt", plaintext())
    return Expect(1)


@kind("non-utf8-file-name")
def _(folder: Path) -> Expect:
    write(folder, os.fsdecode(b"caf\xe9.txt"), plaintext())
    write(folder, os.fsdecode(b"bad\xff.txt"), "no date here")
    return Expect(1, (Problem("bad\\udcff.txt", 1, "start with ' date"),))


@kind("non-utf8-topic-folder")
def _(folder: Path) -> Expect:
    day = folder / os.fsdecode(b"topic\xe9") / "InputDocs" / "2011-01-25"
    day.mkdir(parents=True)
    write(day, "1.htm.txt", "A real sentence .\n")
    return Expect(1)


@kind("hidden-files-and-folders")
def _(folder: Path) -> Expect:
    write(folder, ".hidden.txt", "not an article")
    (folder / ".git").mkdir()
    write(folder / ".git", "a.txt", "not an article")
    write(folder, "ok.txt", plaintext())
    return Expect(1)


@kind("folder-nested-deeper-than-the-recursion-limit")
def _(folder: Path) -> Expect:
    deep = folder
    for _ in range(1100):
        deep = deep / "d"
        deep.mkdir()
    write(deep, "a.txt", plaintext())
    return Expect(1)


# Sizes and odd texts


@kind("article-over-the-limit")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext(body="x" * DEFAULT_MAX_CHARS))
    return Expect(0, (Problem("a.txt", None, "longer than the limit"),))


@kind("one-megabyte-line")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext(body="word " * 200_000))
    return Expect(1)


@kind("no-letters-at-all")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl(record(1, "!!! ??? ..."), record(2, "\u200b\u200b")))
    return Expect(2)


@kind("scripts-emoji-and-combining-marks")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl(record(1, "\u0645\u0635\u0631 \U0001f600 e\u0301 \u4e2d\u6587 on Monday.")))
    return Expect(1)


@kind("carriage-returns-only")
def _(folder: Path) -> Expect:
    write(folder, "a.txt", plaintext().replace("\n", "\r"))
    return Expect(1)


@kind("same-article-twice")
def _(folder: Path) -> Expect:
    write(folder, "a.jsonl", jsonl(record(1), record(1)))
    write(folder, "b.txt", plaintext())
    write(folder, "c.txt", plaintext())
    return Expect(4)


def remove_tree(root: Path) -> None:
    """Delete ``root`` however deep it is (``shutil.rmtree`` recurses, and fails on the
    deep-folder kind)."""
    folders = [root]
    stack = [root]
    while stack:
        with os.scandir(stack.pop()) as listing:
            for entry in listing:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                    stack.append(Path(entry.path))
                else:
                    os.unlink(entry.path)
    for folder in reversed(folders):
        folder.rmdir()
