"""Hostile files at the reading stage: each is refused early, in bounded memory, with file and line.

The whole-case view of the same inputs is the corpus in tests/adversarial/; here the parsers are
checked directly, with the work and memory they may take. Work is counted (function calls, values
built), never timed: how fast the parsers are lives in benchmarks/.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from docpipe.errors import Problem
from docpipe.sources.folder import MAX_FILE_BYTES, read_document
from docpipe.sources.json import parse_json
from docpipe.sources.yaml import MAX_DEPTH, MAX_NODES, parse_yaml
from tests.work import measured

MEGABYTES = 64

Parse = Callable[[str, str], tuple[Any, list[Problem]]]


@contextmanager
def bounded(megabytes: int = MEGABYTES) -> Iterator[None]:
    """Fail when the block allocates more at its peak than allowed."""
    with measured(calls=False) as cost:
        yield
    assert cost.peak_megabytes < megabytes, f"peak {cost.peak_megabytes:.0f} MB"


def calls(parse: Parse, text: str) -> int:
    """The Python function calls ``parse`` makes to read ``text``: its work, counted rather than timed."""
    with measured(memory=False) as cost:
        parse("x", text)
    return cost.calls


def refused_early(parse: Parse, make: Callable[[int], str], size: int) -> None:
    """A text ``size`` deep costs no more work than the smallest one refused for the same reason.

    Refusing must stop at the limit: whatever follows it in the file is never read. (Without the
    scanner's own bracket check, 10 000 brackets cost five times the calls of 52.)
    """
    work, smallest = calls(parse, make(size)), calls(parse, make(MAX_DEPTH + 2))
    assert work <= 2 * smallest, f"{work} calls for {size} levels, {smallest} for {MAX_DEPTH + 2}"


@contextmanager
def counting_yaml_objects() -> Iterator[Counter[str]]:
    """Count the YAML events (from libyaml and from PyYAML) and nodes made inside the block."""
    made: Counter[str] = Counter()
    with pytest.MonkeyPatch.context() as patch:
        for kind, classes in (("events", (yaml.events.ScalarEvent, yaml.events.CollectionStartEvent)),
                              ("nodes", (yaml.nodes.ScalarNode, yaml.nodes.CollectionNode))):
            for cls in classes:
                def counted(self: Any, *args: Any, _init: Any = cls.__init__, _kind: str = kind,
                            **kwargs: Any) -> None:
                    made[_kind] += 1
                    _init(self, *args, **kwargs)

                patch.setattr(cls, "__init__", counted)
        yield made


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, problems
    return problems[0]


def spaced(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def alias_bomb(levels: int = 9, mapping: bool = False) -> str:
    """The billion laughs in YAML: each level repeats the one before ten times."""
    def items(previous: str) -> str:
        if mapping:
            return "{" + ", ".join(f"k{i}: {previous}" for i in range(10)) + "}"
        return "[" + ", ".join([previous] * 10) + "]"
    text = f"a: &a {items('x')}\n"
    for level in range(1, levels):
        text += f"{chr(97 + level)}: &{chr(97 + level)} {items('*' + chr(96 + level))}\n"
    return text


@pytest.mark.parametrize("mapping", [False, True])
def test_alias_bomb_stops_at_the_node_limit(mapping: bool) -> None:
    with bounded():
        document, problems = parse_yaml("bomb.yaml", alias_bomb(mapping=mapping))
    assert document is None
    assert str(only(problems)) == (
        f"bomb.yaml:5 e: holds more than {spaced(MAX_NODES)} values once its anchors (&name) and aliases (*name) "
        "are expanded; a case needs far fewer, so the file is refused")


def test_the_composer_shares_alias_nodes() -> None:
    """Why only our builder needs the limit: PyYAML's composer keeps one node per anchor."""
    import yaml

    root = yaml.compose(alias_bomb(), Loader=yaml.SafeLoader)
    assert isinstance(root, yaml.MappingNode)
    nodes = [value for _, value in root.value]
    assert nodes[1].value[0] is nodes[1].value[9] is nodes[0]


def test_an_alias_inside_itself_is_refused() -> None:
    _, problems = parse_yaml("x.yaml", "a:\n  b: &loop [1, *loop]\n")
    assert str(only(problems)) == ("x.yaml:2 a.b[1]: an alias (*name) here refers to the list or group it is "
                                   "itself part of, which never ends; refused")


def flow_lists(depth: int) -> str:
    return "a: " + "[" * depth + "]" * depth


def flow_groups(depth: int) -> str:
    return "a: " + "{b: " * depth + "}" * depth


def block_groups(depth: int) -> str:
    return "".join(" " * level + f"k{level}:\n" for level in range(depth))


def block_lists(depth: int) -> str:
    return "a:\n" + "".join("  " * level + "-\n" for level in range(depth))


def dashes_on_one_line(depth: int) -> str:
    return "a:\n" + "- " * depth + "x\n"


@pytest.mark.parametrize(
    ("make", "depth", "line"),
    [
        (flow_lists, 10_000, 1),
        (flow_groups, 10_000, 1),
        (block_groups, 2_000, MAX_DEPTH),
        (block_lists, 2_000, MAX_DEPTH + 1),
        (dashes_on_one_line, 10_000, 2),
    ],
    ids=lambda value: value.__name__ if callable(value) else "",
)
def test_deep_nesting_is_refused_early(make: Callable[[int], str], depth: int, line: int) -> None:
    with bounded():
        document, problems = parse_yaml("deep.yaml", make(depth))
    assert document is None
    problem = only(problems)
    assert (problem.line, problem.message) == (line, (
        f"has lists or groups of fields nested more than {MAX_DEPTH} levels deep here; a case needs far fewer, "
        "so the file is refused (is a bracket [ or { left open?)"))
    refused_early(parse_yaml, make, depth)


def test_aliases_cannot_nest_deeper_than_the_composer_allows() -> None:
    """Each anchor alone is 40 deep; each holds the previous one 40 deep again."""
    text = "a0: &a0 " + "[" * 40 + "x" + "]" * 40 + "\n"
    for level in range(1, 30):
        text += f"a{level}: &a{level} " + "[" * 40 + f"*a{level - 1}" + "]" * 40 + "\n"
    with bounded():
        document, problems = parse_yaml("deep.yaml", text)
    assert document is None
    assert only(problems).message.startswith(f"has lists or groups of fields nested more than {MAX_DEPTH}")


def json_lists(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_deep_json_is_refused_early() -> None:
    for depth in (60, 950, 100_000):  # below, near and far above Python's own recursion limit
        with bounded():
            document, problems = parse_json("deep.json", json_lists(depth))
        assert document is None
        assert only(problems).message.startswith(f"has lists or groups of fields nested more than {MAX_DEPTH}")
        refused_early(parse_json, json_lists, depth)


def test_nesting_up_to_the_limit_is_fine() -> None:
    depth = MAX_DEPTH - 2
    document, problems = parse_yaml("ok.yaml", "a: " + "[" * depth + "]" * depth)
    assert problems == [] and document is not None


def test_many_small_values_stop_at_the_limit_in_the_composer() -> None:
    """5 MB of "- x" lines would be a million node objects (800 MB) if the composer ran to the end.

    Each way of reading the file (libyaml's events in one pass, libyaml's limit check, PyYAML's
    composer) stops after MAX_NODES values: a few times MAX_NODES events in all, where reading the
    file to its end once would make 1 310 719.
    """
    lines = (MAX_FILE_BYTES - 3) // 4
    text = "a:\n" + "- x\n" * lines
    with counting_yaml_objects() as made:
        document, problems = parse_yaml("big.yaml", text)
    assert made["nodes"] <= MAX_NODES + 1, made
    assert made["events"] <= 5 * MAX_NODES < lines, made
    assert document is None
    assert only(problems).message == (f"holds more than {spaced(MAX_NODES)} values; a case needs far fewer, so "
                                      "the file is refused")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: !!python/object/apply:os.system ['echo hi']\n",
         'x.yaml:1 a: uses the YAML tag "!!python/object/apply:os.system"; docpipe reads plain values only and '
         "never runs or converts tagged ones: remove the tag"),
        ("a: !!python/name:os.system\n", 'x.yaml:1 a: uses the YAML tag "!!python/name:os.system"; docpipe reads '
         "plain values only and never runs or converts tagged ones: remove the tag"),
        ("a: !!binary aGVq\n", 'x.yaml:1 a: uses the YAML tag "!!binary"; docpipe reads plain values only and '
         "never runs or converts tagged ones: remove the tag"),
        ("a: !custom {b: 1}\n", 'x.yaml:1 a: uses the YAML tag "!custom"; docpipe reads plain values only and '
         "never runs or converts tagged ones: remove the tag"),
        ("base: &b {x: 1}\nc:\n  <<: *b\n", 'x.yaml:3 c: "<<" (a YAML merge key) is not supported; write the '
         "fields out in full here"),
        ("? [a, b]\n: 1\n", 'x.yaml:1: a key must be a plain name such as "title", not a list or group of fields'),
        ('"ti\\x01tle": x\n', "x.yaml:1: a key contains a character Word and Excel cannot store (U+0001, a "
         "control character) at position 3; delete it (it is often pasted in by accident)"),
        ("a: " + "9" * 5000 + "\n", "x.yaml:1 a: is a number of 5000 digits; numbers in a case have at most 50 "
         "(put the value in quotes if it is text)"),
        ("a: 0x" + "F" * 5000 + "\n", "x.yaml:1 a: is a number of 5000 digits; numbers in a case have at most 50 "
         "(put the value in quotes if it is text)"),
        ("a: .inf\n", 'x.yaml:1 a: ".inf" is not a number docpipe can use (it means infinity or "not a number"); '
         "write an ordinary number, or put the text in quotes"),
        ("a: 1\n---\nb: 2\n", "x.yaml:2: holds a second YAML document (a line with --- starts one); a case file "
         "holds one: remove the --- line and what should not be there"),
        ("a: *nowhere\n", "x.yaml:1: not valid YAML: undefined alias 'nowhere': an alias (*name) needs an anchor "
         "(&name) of the same name above it"),
        ("a: &x 1\nb: &x 2\n", "x.yaml:2: not valid YAML: the anchor &x is defined twice (first on line 1); give "
         "one of them another name"),
        ("a: 1\nb: x\x07y\n", "x.yaml:2: contains a character a YAML file may not hold (U+0007, bell) on this "
         "line; delete it (it is often pasted in by accident)"),
    ],
    ids=lambda value: value[:30],
)
def test_refused_yaml(text: str, expected: str) -> None:
    document, problems = parse_yaml("x.yaml", text)
    assert document is None
    assert [str(problem) for problem in problems] == [expected]


def test_every_refusal_in_a_file_is_listed() -> None:
    _, problems = parse_yaml("x.yaml", "a: !!binary aGVq\nb: .nan\nc: 1\nc: 2\n")
    assert [(p.line, p.field) for p in problems] == [(1, "a"), (2, "b"), (4, "c")]


def test_merge_and_value_signs_as_values_are_text() -> None:
    document, problems = parse_yaml("x.yaml", "a: <<\nb: =\nc: =SUM(1)\n")
    assert problems == [] and document is not None
    assert document.data == {"a": "<<", "b": "=", "c": "=SUM(1)"}


def test_keys_are_kept_as_written() -> None:
    document, problems = parse_yaml("x.yaml", "yes: 1\n~: 2\n2026-01-01: 3\n1.10: 4\n")
    assert problems == [] and document is not None
    assert document.data == {"yes": 1, "~": 2, "2026-01-01": 3, "1.10": 4}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"a": NaN}', 'x.json:1 a: "NaN" is not a number docpipe can use (it means infinity or "not a number"); '
         "write an ordinary number, or put the text in quotes"),
        ('{"a": [1,\n -Infinity]}', 'x.json:2 a[1]: "-Infinity" is not a number docpipe can use (it means '
         'infinity or "not a number"); write an ordinary number, or put the text in quotes'),
        ('{"a": 1e999}', 'x.json:1 a: "1e999" is not a number docpipe can use (it means infinity or "not a '
         'number"); write an ordinary number, or put the text in quotes'),
        ('{"a": ' + "9" * 5000 + "}", "x.json:1 a: is a number of 5000 digits; numbers in a case have at most 50 "
         "(put the value in quotes if it is text)"),
        ('{"a": 1,\n "b": {"c": 2,\n  "c": 3}}', 'x.json:3 b.c: "c" is given twice; keep one of them (the first '
         "is on line 2)"),
        ('{"a": 1,\n "b": 2,,}', "x.json:2: not valid JSON: Expecting property name enclosed in double quotes "
         "(column 9)"),
    ],
    ids=lambda value: value[:30],
)
def test_refused_json(text: str, expected: str) -> None:
    _, problems = parse_json("x.json", text)
    assert [str(problem) for problem in problems] == [expected]


def test_tab_indented_json_keeps_its_lines() -> None:
    document, problems = parse_json("x.json", '{\n\t"a": 1,\n\t"b": [\n\t\t2\n\t]\n}')
    assert problems == [] and document is not None
    assert (document.line_of(("a",)), document.line_of(("b", 0))) == (2, 4)


def test_json_strings_keep_escaped_emoji() -> None:
    """The values come from the json module: YAML would split the surrogate pair into two bad halves."""
    document, _ = parse_json("x.json", '{"a": "cykel \\ud83d\\udeb2"}')
    assert document is not None and document.data == {"a": "cykel 🚲"}


def test_mixed_line_endings_keep_lines() -> None:
    document, problems = parse_yaml("x.yaml", "a: 1\r\nb: 2\nc: 3\rd: 4\r\ne:\n  - 5\r  - 6\n")
    assert problems == [] and document is not None
    assert [document.line_of((key,)) for key in "abcde"] == [1, 2, 3, 4, 5]
    assert document.line_of(("e", 1)) == 7


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("name: Halsnæs\n".encode("utf-16"), 'x.yaml: is saved as UTF-16 text; save it as UTF-8 (in Notepad: "Save '
         'as", encoding "UTF-8")'),
        ("name: Halsnæs\n".encode("utf-16-be"), "x.yaml:1: contains a null byte (U+0000) on this line, so it is "
         "not plain text: perhaps it was saved as UTF-16; save it as UTF-8 text"),
        ("name: Halsnæs\n".encode("utf-32"), 'x.yaml: is saved as UTF-32 text; save it as UTF-8 (in Notepad: "Save '
         'as", encoding "UTF-8")'),
        (b"a: 1\nb: x\x00y\n", "x.yaml:2: contains a null byte (U+0000) on this line, so it is not plain text: "
         "perhaps it was saved as UTF-16; save it as UTF-8 text"),
        ("a: 1\r\nname: Halsnæs\n".encode("cp1252"), 'x.yaml:2: is not saved as UTF-8: the character after '
         '"name: Halsn" on this line is not UTF-8 (in Windows-1252 it would be "æ"); save the file as UTF-8 in '
         "your editor"),
        (b"\xe6ble: 1\n", 'x.yaml:1: is not saved as UTF-8: the first character on this line is not UTF-8 (in '
         'Windows-1252 it would be "æ"); save the file as UTF-8 in your editor'),
    ],
)
def test_encodings_are_named_with_the_line(tmp_path: Path, data: bytes, expected: str) -> None:
    document, problems = read_document(write(tmp_path, "x.yaml", data))
    assert document is None
    assert [str(problem) for problem in problems] == [expected]


def test_a_bom_is_accepted_and_lines_stay(tmp_path: Path) -> None:
    document, problems = read_document(write(tmp_path, "x.yaml", b"\xef\xbb\xbfa: 1\nb: 2\n"))
    assert problems == [] and document is not None
    assert document.data == {"a": 1, "b": 2} and document.line_of(("b",)) == 2


def test_size_limit(tmp_path: Path) -> None:
    path = write(tmp_path, "x.yaml", b"a: " + b"x" * MAX_FILE_BYTES)
    with bounded(megabytes=1):
        document, problems = read_document(path)
    assert document is None
    assert str(only(problems)) == ("x.yaml: is 5.0 MB; input files may be at most 5 MB (the texts of a case take "
                                   "far less: was something pasted in by mistake?)")
    assert read_document(write(tmp_path, "y.yaml", b"a: " + b"x" * (MAX_FILE_BYTES - 3)))[1] == []


def test_a_link_to_a_file_outside_the_case_is_refused(tmp_path: Path) -> None:
    outside = write(tmp_path, "secret.yaml", b"a: 1\n")
    (tmp_path / "case").mkdir()
    link = tmp_path / "case" / "organisation.yaml"
    try:
        link.symlink_to(outside)
    except OSError:
        pytest.skip("cannot make symbolic links here")
    _, problems = read_document(link)
    assert str(only(problems)) == ("organisation.yaml: is a link to a file outside the case folder; copy the file "
                                   "into the folder instead")


def test_a_link_inside_the_case_is_fine(tmp_path: Path) -> None:
    (tmp_path / "shared.yaml").write_bytes(b"a: 1\n")
    link = tmp_path / "organisation.yaml"
    try:
        link.symlink_to(tmp_path / "shared.yaml")
    except OSError:
        pytest.skip("cannot make symbolic links here")
    assert read_document(link)[1] == []


