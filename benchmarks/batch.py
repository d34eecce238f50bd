"""docpipe's batch (``run_batch``) against the naive per-document docxtpl/openpyxl loop, in one run.

    python benchmarks/batch.py [--quick] [--jobs N] [--cases 98] [--repeat 3]   last line ``speedup: X``
    python benchmarks/batch.py --memory [--jobs N] [--small 10] [--large 1000]
    python benchmarks/batch.py --profile [--cases 12] [--top 0]       where one process spends its time

Generates a batch of municipality cases (copies of inputs/halsnaes-boern-og-unge, one per municipality
of docpipe's packaged list, with the organisation's name, code and unit changed), checks that docpipe
accepts every one and that both ways give the same texts and cell values, then renders every
deliverable of every case through ``docpipe.batch.run_batch`` and through the naive loop (per case
``load_case``; per Word document ``DocxTemplate(path)``, ``render``, ``save``; per workbook
``openpyxl.load_workbook(path)``, the deliverable's ``fill``, ``save``) with the same number of
processes: the Word deliverables alone, the Excel ones alone, then all of them. Each timed batch runs
in a fresh Python process, so no cache and no peak memory carries over from one to the next. There are
``--repeat`` rounds (3) and each way's best time counts, as with timeit: another program's load only
ever adds time. Each round's own ratios are printed too. Output goes into
benchmarks/out/batch/ (git-ignored). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import multiprocessing
import os
import platform
import pstats
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import docx
import openpyxl
import yaml
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from docpipe import load_case
from docpipe.batch import run_batch
from docpipe.deliverables.registry import DELIVERABLES, Deliverable, select
from docpipe.model import Case
from docpipe.model.official import OfficialOrganisation, official_organisations
from docpipe.render.case import render_case, render_deliverable
from docpipe.sheet.openpyxl_replay import book_for, replay
from docpipe.render.locate import find_template
from docpipe.word.media import Picture

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "batch"
SOURCE_CASE = HERE.parent / "inputs" / "halsnaes-boern-og-unge"
QUICK_CASES = 20
DEFAULT_ROUNDS = 3  # the best of three: a shared machine's noise only ever adds time
GROUPS = ("Word", "Excel", "all")
TARGETS = {"Word": 15.0, "all": 10.0}  # issue 3: Word documents >= 15x, the whole batch >= 10x
MEMORY_TARGET = 1.5  # issue 3: the 1,000-case peak at most 1.5x the 10-case peak


# --- the batch root -------------------------------------------------------------------------------

def municipalities() -> list[OfficialOrganisation]:
    """All municipalities of docpipe's packaged list, in its order."""
    return [org for org in official_organisations().values() if org.kind == "municipality"]


def slug(name: str) -> str:
    """København -> koebenhavn, Ærø -> aeroe: a folder name from a municipality's name."""
    text = name.casefold().replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def make_cases(root: Path, count: int) -> list[Path]:
    """``count`` case folders under ``root``: the shipped Halsnæs case once per municipality.

    Every file of the source case is copied as it is (the logo too); organisation.yaml gets the
    municipality's official name and code and a unit naming it. Beyond the 98 municipalities the
    list starts over, with a round number in the folder name.
    """
    files = {path.name: path.read_bytes() for path in SOURCE_CASE.iterdir() if path.is_file()}
    organisation = yaml.safe_load(files["organisation.yaml"].decode("utf-8"))
    orgs = municipalities()
    root.mkdir(parents=True, exist_ok=True)
    cases = []
    for index in range(count):
        org = orgs[index % len(orgs)]
        round_number = index // len(orgs)
        folder = root / (f"{org.code}-{slug(org.name)}" + (f"-{round_number + 1}" if round_number else ""))
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        ours = {**organisation, "name": org.official_name, "code": org.code,
                "unit": f"Center for Børn, Unge og Familie, {org.official_name}"}
        (folder / "organisation.yaml").write_text(yaml.safe_dump(ours, allow_unicode=True, sort_keys=False), "utf-8")
        cases.append(folder)
    return cases


def check_cases(cases: Sequence[Path]) -> None:
    """docpipe accepts every generated case (and each names its own municipality); exits if not."""
    for folder in cases:
        case = load_case(folder)  # raises InvalidCase, with every problem, for a case docpipe refuses
        if not case.organisation.unit or case.organisation.name not in case.organisation.unit:
            sys.exit(f"{folder.name}: the organisation was not rewritten")


# --- the naive loop -------------------------------------------------------------------------------

def docxtpl_values(value: Any, document: DocxTemplate) -> Any:
    """docpipe's context as a docxtpl user writes it: a Picture (the logo) becomes an InlineImage."""
    if isinstance(value, Picture):
        return InlineImage(document, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, dict):
        return {key: docxtpl_values(item, document) for key, item in value.items()}
    if isinstance(value, list):
        return [docxtpl_values(item, document) for item in value]
    return value


def naive_case(task: tuple[str, str, list[str] | None]) -> int:
    """One case the naive way: load (validate) it, then every document; returns how many were written."""
    case_dir, out_dir, names = task
    case = load_case(case_dir)
    folder = Path(out_dir) / Path(case_dir).name
    folder.mkdir(parents=True, exist_ok=True)
    chosen = select(names)
    for deliverable in chosen:
        naive_document(deliverable, case, folder / deliverable.file_name)
    return len(chosen)


def naive_document(deliverable: Deliverable, case: Case, target: Path | io.BytesIO) -> None:
    """One document as a docxtpl or openpyxl user writes it: open the template, fill, save."""
    template = template_path(deliverable)
    if deliverable.kind == "docx":
        assert deliverable.build_context is not None
        document = DocxTemplate(template)
        document.render(docxtpl_values(deliverable.build_context(case), document), autoescape=True)
        document.save(target)
    else:
        assert deliverable.fill is not None
        workbook = openpyxl.load_workbook(template)
        book = book_for(workbook)
        deliverable.fill(book, case)  # what to write, recorded; openpyxl does the writing
        replay(book, workbook)
        workbook.save(target)


def template_path(deliverable: Deliverable) -> Path:
    """The template file docpipe uses for ``deliverable`` (the generated cases bring none of their own)."""
    return find_template(deliverable.template_name, deliverable.kind)


def naive_batch(root: Path, out: Path, jobs: int, names: list[str] | None) -> int:
    """Every case under ``root`` through ``naive_case``, in ``jobs`` processes (this one when 1), one
    case per task like run_batch; returns the number of documents written."""
    tasks = [(str(folder), str(out), names) for folder in sorted(p for p in root.iterdir() if p.is_dir())]
    if jobs == 1 or len(tasks) <= 1:
        return sum(naive_case(task) for task in tasks)
    pool = multiprocessing.Pool(min(jobs, len(tasks)))
    try:
        return sum(pool.imap_unordered(naive_case, tasks))
    finally:
        pool.close()
        pool.join()  # the workers have ended and been waited for: their peaks are in RUSAGE_CHILDREN


# --- one timed batch, in a fresh process ----------------------------------------------------------

def run_one(way: str, root: Path, out: Path, jobs: int, names: list[str] | None) -> dict[str, Any]:
    """Render the batch one way and measure it; what ``--run`` prints as JSON.

    ``seconds`` is the wall time of the whole batch (discovery, worker start, loading every case,
    rendering, writing; for docpipe also hashes and the manifest); ``cpu_seconds`` the processor time
    of this process and its workers over the same span (user + system), which another program's load
    on the machine changes much less than the wall time. ``self_kb`` is the peak resident
    memory of this process (the one that calls run_batch: imports, case list, outcomes, manifest),
    ``workers_kb`` the largest peak of any one worker process (``getrusage(RUSAGE_CHILDREN)``: the
    max RSS of the largest waited-for child, not a sum; 0 with one job, which renders in here).
    """
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF)
    cpu_before = before.ru_utime + before.ru_stime
    start = time.perf_counter()
    if way == "docpipe":
        result = run_batch(root, out, jobs=jobs, deliverables=names)
        failed = [outcome for outcome in result.outcomes if not outcome.succeeded]
        if failed:
            sys.exit(f"docpipe: {len(failed)} cases failed, e.g. {failed[0].name}: {failed[0].first_error}")
        documents = sum(len(outcome.files) for outcome in result.outcomes)
        cases = len(result.outcomes)
    else:
        documents = naive_batch(root, out, jobs, names)
        cases = sum(1 for p in root.iterdir() if p.is_dir())
    seconds = time.perf_counter() - start
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime - cpu_before + workers.ru_utime + workers.ru_stime
    return {"way": way, "seconds": seconds, "cpu_seconds": cpu, "documents": documents, "cases": cases,
            "self_kb": own_peak_kb(), "workers_kb": workers.ru_maxrss}


def own_peak_kb() -> int:
    """This process's peak resident memory, in kB.

    Linux keeps ``getrusage(RUSAGE_SELF).ru_maxrss`` across exec, so in a process started by
    ``subprocess`` (vfork, exec) it is at least the parent's peak: here that would be the benchmark's
    main process, not the batch. ``VmHWM`` belongs to the memory of this program only. (A worker forked
    from this process starts from this process's resident pages, which its peak rightly counts.)
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def timed(way: str, root: Path, out: Path, jobs: int, names: list[str] | None) -> dict[str, Any]:
    """``run_one`` in a fresh Python process (imports done before the clock starts)."""
    if out.exists():
        shutil.rmtree(out)
    command = [sys.executable, str(Path(__file__).resolve()), "--run", way, "--root", str(root), "--out", str(out),
               "--jobs", str(jobs), *(["--only", ",".join(names)] if names else [])]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{way} batch failed:\n{done.stderr.strip()[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- correctness ----------------------------------------------------------------------------------

def word_texts(path: Path) -> dict[str, list[str]]:
    document = docx.Document(str(path))
    return {"paragraphs": [paragraph.text for paragraph in document.paragraphs],
            "table cells": [cell.text for table in document.tables for row in table.rows for cell in row.cells]}


def cell_values(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    workbook = openpyxl.load_workbook(path)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}


def verify(case_dir: Path, out: Path) -> str:
    """docpipe's and the naive loop's documents of one case read the same; exits if not.

    Word: the paragraph texts and table cell texts (python-docx) of every Word deliverable, the
    kommissorium among them. Excel: the sheet names and every cell value of every sheet (openpyxl).
    """
    ours, theirs = out / "docpipe", out / "naive"
    render_case(load_case(case_dir), ours)
    naive_case((str(case_dir), str(theirs), None))
    problems, checked = [], []
    for deliverable in select(None):
        a, b = ours / case_dir.name / deliverable.file_name, theirs / case_dir.name / deliverable.file_name
        if deliverable.kind == "docx":
            texts_a, texts_b = word_texts(a), word_texts(b)
            problems += [f"{deliverable.file_name}: the {kind} differ"
                         for kind in texts_a if texts_a[kind] != texts_b[kind]]
            if not texts_a["paragraphs"]:
                problems.append(f"{deliverable.file_name}: no paragraphs")
            checked.append(f"{deliverable.file_name} ({len(texts_a['paragraphs'])} paragraphs, "
                           f"{len(texts_a['table cells'])} table cells)")
        else:
            values_a, values_b = cell_values(a), cell_values(b)
            if values_a != values_b:
                problems.append(f"{deliverable.file_name}: the cell values differ")
            cells = sum(value is not None for rows in values_a.values() for row in rows for value in row)
            checked.append(f"{deliverable.file_name} ({len(values_a)} sheets, {cells} cells with a value)")
    if problems:
        sys.exit("correctness check failed (see " + str(out) + "):\n  " + "\n  ".join(problems))
    return ", ".join(checked)


# --- reports --------------------------------------------------------------------------------------

def machine() -> str:
    return (f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, docpipe {version('docpipe')}, docxtpl {version('docxtpl')}, "
            f"openpyxl {version('openpyxl')}, python-docx {version('python-docx')}, lxml {version('lxml')}, "
            f"PyYAML {version('PyYAML')}")


def megabytes(kilobytes: int) -> str:
    return f"{kilobytes / 1024:.0f} MB"


def group_names() -> dict[str, list[str] | None]:
    return {"Word": [d.name for d in DELIVERABLES.values() if d.kind == "docx"],
            "Excel": [d.name for d in DELIVERABLES.values() if d.kind == "xlsx"],
            "all": None}


def speed(arguments: argparse.Namespace) -> None:
    count = arguments.cases or (QUICK_CASES if arguments.quick else len(municipalities()))
    jobs, repeat = arguments.jobs, arguments.repeat or DEFAULT_ROUNDS
    if OUT.exists():
        shutil.rmtree(OUT)
    print(f"machine: {machine()}")
    root = OUT / "cases"
    cases = make_cases(root, count)
    check_cases(cases)
    names = group_names()
    per_case = {group: len(select(chosen)) for group, chosen in names.items()}
    print(f"batch: {count} cases in {root} (copies of {SOURCE_CASE.name} with each municipality's name, code and "
          f"unit; docpipe's load_case accepts every one); {per_case['Word']} Word and {per_case['Excel']} Excel "
          f"documents per case; {jobs} process{'es' if jobs > 1 else ''} each way")
    print(f"check ({cases[0].name}): docpipe and the naive loop give the same texts and cell values: "
          + verify(cases[0], OUT / "check"))

    results: dict[tuple[str, str], dict[str, Any]] = {}
    per_round: dict[tuple[str, str], list[float]] = {}
    for round_number in range(1, repeat + 1):
        for group in GROUPS:  # the whole batch last, so the headline figure is not the first thing run
            for way in ("docpipe", "naive"):
                result = timed(way, root, OUT / f"{way}-{group.lower()}", jobs, names[group])
                expected = count * per_case[group]
                if result["documents"] != expected:
                    sys.exit(f"{way} {group}: wrote {result['documents']} documents, expected {expected}")
                print(f"  round {round_number}: {group:5s} {way:8s} {result['seconds']:7.2f} s wall, "
                      f"{result['cpu_seconds']:7.2f} s CPU, {result['documents']:5d} documents", flush=True)
                per_round.setdefault((group, way), []).append(result["seconds"])
                best = results.setdefault((group, way), result)
                best["seconds"] = min(best["seconds"], result["seconds"])
                best["cpu_seconds"] = min(best["cpu_seconds"], result["cpu_seconds"])
                best["self_kb"] = max(best["self_kb"], result["self_kb"])
                best["workers_kb"] = max(best["workers_kb"], result["workers_kb"])

    rounds = f"the best of {repeat} rounds" if repeat > 1 else "one round"
    processes = f"{jobs} process" + ("es" if jobs > 1 else "")
    print(f"\nthroughput ({processes} each; wall time of the whole batch, loading every case included; {rounds}):")
    print(f"  {'':22s}{'docpipe':>16s}{'naive':>16s}{'docpipe is':>12s}{'by CPU time':>13s}")
    ratios = {}
    for group in GROUPS:
        ours, theirs = results[group, "docpipe"], results[group, "naive"]
        ratios[group] = theirs["seconds"] / ours["seconds"]
        target = f"  (target >= {TARGETS[group]:.0f}x)" if group in TARGETS else ""
        label = f"{group} ({per_case[group]} per case)"
        print(f"  {label:22s}{ours['documents'] / ours['seconds']:9.1f} docs/s"
              f"{theirs['documents'] / theirs['seconds']:9.1f} docs/s{ratios[group]:11.1f}x"
              f"{theirs['cpu_seconds'] / ours['cpu_seconds']:12.1f}x{target}")
    if repeat > 1:
        print("each round's own ratio (naive wall time / docpipe's, the same round):")
        for group in GROUPS:
            rounds_both = zip(per_round[group, "docpipe"], per_round[group, "naive"], strict=True)
            own = [theirs / ours for ours, theirs in rounds_both]
            print(f"  {group:5s}  " + "  ".join(f"{ratio:.1f}x" for ratio in own))
    print("peak memory (max RSS; 'main' = the process running the batch, 'worker' = the largest worker):")
    for group in GROUPS:
        figures = [f"{way} main {megabytes(results[group, way]['self_kb'])}, worker "
                   + (megabytes(results[group, way]['workers_kb']) if jobs > 1 else "(in main)")
                   for way in ("docpipe", "naive")]
        print(f"  {group:5s}  " + ";  ".join(figures))
    missed = [f"{group} {ratios[group]:.1f}x < {target:.0f}x" for group, target in TARGETS.items()
              if ratios[group] < target]
    print("targets: " + ("met" if not missed else "missed: " + ", ".join(missed)
                         + " (python benchmarks/batch.py --profile shows where the time goes)"))
    print(f"speedup: {ratios['all']:.1f}")


def memory(arguments: argparse.Namespace) -> None:
    """Peak memory of a small and a large docpipe batch, each in a fresh process."""
    print(f"machine: {machine()}")
    peaks = {}
    for count in (arguments.small, arguments.large):
        with tempfile.TemporaryDirectory(prefix="docpipe-batch-memory-") as temporary:
            started = time.perf_counter()
            make_cases(Path(temporary) / "cases", count)
            made = time.perf_counter() - started
            result = timed("docpipe", Path(temporary) / "cases", Path(temporary) / "out", arguments.jobs, None)
        peaks[count] = result
        print(f"  {count:5d} cases (made in {made:.1f} s): {result['seconds']:7.1f} s, {result['documents']} "
              f"documents; peak RSS main {megabytes(result['self_kb'])}, worker "
              + (megabytes(result["workers_kb"]) if arguments.jobs > 1 else "(in main)"), flush=True)
    small, large = peaks[arguments.small], peaks[arguments.large]
    kinds = ["self_kb", "workers_kb"] if arguments.jobs > 1 else ["self_kb"]
    ratios = {kind: large[kind] / small[kind] for kind in kinds}
    worst = max(ratios.values())
    print(f"target: the {arguments.large}-case peak at most {MEMORY_TARGET}x the {arguments.small}-case peak: "
          + ("met" if worst <= MEMORY_TARGET else "missed"))
    print(f"memory: {arguments.large} cases / {arguments.small} cases = {worst:.2f}x (main "
          f"{ratios['self_kb']:.2f}x" + (f", worker {ratios['workers_kb']:.2f}x)" if arguments.jobs > 1 else ")"))


# --- profile --------------------------------------------------------------------------------------

# What the docpipe profile is summed into: a label and the function (end of its file name, its name).
PROFILE_PARTS = [
    ("load_case (read, validate)", "model/load.py", "load_case"),
    ("  YAML read in one pass (libyaml events)", "sources/yaml_events.py", "read_in_one_pass"),
    ("Word: WordTemplate.render", "word/template.py", "render"),
    ("Excel: render_xlsx", "render/xlsx.py", "render_xlsx"),
    ("  fill implementeringsplan.xlsx", "implementeringsplan_xlsx.py", "fill"),
    ("  fill aktoeroverblik.xlsx", "aktoeroverblik.py", "fill"),
    ("  WorkbookTemplate.render", "sheet/template.py", "render"),
    ("write_atomically (with fsync)", "output/write.py", "write_atomically"),
    ("case_input_hash", "batch/task.py", "case_input_hash"),
    ("FileRecord.of (sha256 of files)", "output/manifest.py", "of"),
]


def per_case_table(case_dirs: Sequence[Path], scratch: Path, rounds: int) -> None:
    """ms per case of each step, docpipe beside the naive loop, timed directly (no profiler).

    Documents are made in memory here (docpipe: ``render_deliverable``; naive: saved into a
    BytesIO); what a batch adds (writing files, hashes, the manifest, discovery) is the difference
    between a whole batch with one job and the sum of the steps. Each figure is the best of
    ``rounds`` passes over all cases.
    """
    chosen = select(None)
    labels = ["load_case", *(d.file_name for d in chosen), "whole batch, jobs 1"]
    best = {label: [float("inf"), float("inf")] for label in labels}
    for round_number in range(rounds):
        spent = {label: [0.0, 0.0] for label in labels}
        for case_dir in case_dirs:
            started = time.perf_counter()
            case = load_case(case_dir)  # the same call both ways
            spent["load_case"] = [value + time.perf_counter() - started for value in spent["load_case"]]
            for deliverable in chosen:
                started = time.perf_counter()
                render_deliverable(case, deliverable)
                middle = time.perf_counter()
                naive_document(deliverable, case, io.BytesIO())
                spent[deliverable.file_name][0] += middle - started
                spent[deliverable.file_name][1] += time.perf_counter() - middle
        started = time.perf_counter()
        run_batch(case_dirs[0].parent, scratch / f"docpipe-{round_number}", jobs=1)
        middle = time.perf_counter()
        naive_batch(case_dirs[0].parent, scratch / f"naive-{round_number}", 1, None)
        spent["whole batch, jobs 1"] = [middle - started, time.perf_counter() - middle]
        best = {label: [min(best[label][c], spent[label][c]) for c in (0, 1)] for label in labels}
    count = len(case_dirs)

    def line(label: str, ours: float, theirs: float) -> None:
        print(f"    {label:34s}{ours * 1000 / count:9.1f}{theirs * 1000 / count:9.1f}{theirs / ours:9.1f}x")

    print(f"  per case, ms (one process, documents in memory, {count} cases after a warm-up case; "
          f"best of {rounds} rounds):")
    print(f"    {'':34s}{'docpipe':>9s}{'naive':>9s}{'ratio':>10s}")
    for label in labels[:-1]:
        line(label, *best[label])
    for kind, label in (("docx", "all Word documents"), ("xlsx", "all Excel documents")):
        line(label, *(sum(best[d.file_name][c] for d in chosen if d.kind == kind) for c in (0, 1)))
    parts = [sum(best[label][c] for label in labels[:-1]) for c in (0, 1)]
    whole = best["whole batch, jobs 1"]
    line("sum of the steps", *parts)
    line("whole batch, jobs 1", *whole)
    added = [(whole[c] - parts[c]) * 1000 / count for c in (0, 1)]
    print(f"    {'the batch adds':34s}{added[0]:9.1f}{added[1]:9.1f}   (docpipe: atomic writes with fsync, "
          "hashes, manifest; naive: writing the files)")


def profile(arguments: argparse.Namespace) -> None:
    """Where one process spends its time: direct timings of each step, then cProfile of run_batch."""
    count = arguments.cases or 12
    folder = OUT / "profile"
    if folder.exists():
        shutil.rmtree(folder)
    print(f"machine: {machine()}")
    warm, rest = folder / "warm-up", folder / "cases"
    make_cases(warm, 1)
    case_dirs = make_cases(rest, count)
    run_batch(warm, folder / "warm-docpipe", jobs=1)  # compiles docpipe's templates in this process
    naive_batch(warm, folder / "warm-naive", 1, None)
    per_case_table(case_dirs, folder / "timed", arguments.repeat or 3)

    profiler = cProfile.Profile()
    profiler.enable()
    run_batch(rest, folder / "profiled", jobs=1)
    profiler.disable()
    profiler.dump_stats(folder / "docpipe.prof")
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    table = stats.stats  # type: ignore[attr-defined]  # {(file, line, name): (cc, nc, tt, ct, callers)}
    print(f"\n  docpipe's run_batch (jobs 1) under cProfile ({folder / 'docpipe.prof'}): {total * 1000 / count:.0f} "
          "ms per case with the profiler, which inflates call-heavy code (YAML, openpyxl) the most; "
          "share of the total:")
    for label, file_end, name in PROFILE_PARTS:
        seconds = sum(entry[3] for (file, _, function), entry in table.items()
                      if function == name and file.replace(os.sep, "/").endswith(file_end))
        print(f"    {label:38s}{seconds / total:6.0%}")
    if arguments.top:
        listing = io.StringIO()
        pstats.Stats(profiler, stream=listing).sort_stats("cumulative").print_stats(arguments.top)
        print(f"  top {arguments.top} by cumulative time:")
        print("\n".join("    " + line for line in listing.getvalue().splitlines() if re.match(r"\s*\d", line)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_CASES} cases instead of all 98 municipalities")
    parser.add_argument("--cases", type=int, help="cases in the batch (98; --quick 20; --profile 12)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes each way (CPU count)")
    parser.add_argument("--repeat", type=int, help=f"rounds of timed batches; the best counts ({DEFAULT_ROUNDS})")
    parser.add_argument("--memory", action="store_true", help="peak memory of a --small and a --large batch")
    parser.add_argument("--small", type=int, default=10, help="cases of the small batch of --memory (10)")
    parser.add_argument("--large", type=int, default=1000, help="cases of the large batch of --memory (1000)")
    parser.add_argument("--profile", action="store_true", help="where the time goes, one process, cProfile")
    parser.add_argument("--top", type=int, default=0, help="with --profile: also list the top N functions")
    parser.add_argument("--run", choices=("docpipe", "naive"), help=argparse.SUPPRESS)  # one timed batch
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--only", help=argparse.SUPPRESS)
    arguments = parser.parse_args(argv)
    if arguments.jobs < 1 or (arguments.repeat is not None and arguments.repeat < 1):
        parser.error("--jobs and --repeat must be at least 1")
    if arguments.run:
        names = arguments.only.split(",") if arguments.only else None
        print(json.dumps(run_one(arguments.run, arguments.root, arguments.out, arguments.jobs, names)))
    elif arguments.memory:
        memory(arguments)
    elif arguments.profile:
        profile(arguments)
    else:
        speed(arguments)


if __name__ == "__main__":
    main()
