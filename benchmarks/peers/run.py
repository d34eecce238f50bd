"""docpipe's WordTemplate against its peers: naive docxtpl and docxtemplater (node), in one run.

    python benchmarks/peers/run.py [--docs 98] [--rows 5000] [--repeat 5] [--row-repeat 3]

Renders one kommissorium-like template (make_templates.py) for ``--docs`` organisations through
each engine: a warm-up round, then ``--repeat`` timed rounds over all documents; the figure per
engine is the median of the rounds' ms per document. Every engine produces each document as bytes in
memory (nothing is written to disk inside the timing). Then the cost per row of a table-row loop,
docpipe beside docxtpl, at ``--rows``/5 and ``--rows`` rows. The last line is
``peers: docpipe Ax docxtpl, Bx docxtemplater``. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import docx
from docxtpl import DocxTemplate
from make_templates import DOCXTEMPLATER, DOCXTPL, build_all

from docpipe.model.official import official_organisations
from docpipe.word import WordTemplate

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
JS_BENCH = HERE / "docxtemplater_bench.js"
NPM_PACKAGES = ("docxtemplater@3", "pizzip@3")

Render = Callable[[dict[str, Any]], bytes]

# --- contexts -------------------------------------------------------------------------------------

_MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
           "november", "december"]
_FIRST = ["Mette", "Lars", "Sofie", "Jens", "Camilla", "Anders", "Ida", "Søren", "Freja", "Mikkel", "Anne",
          "Rasmus", "Louise", "Niels", "Maja", "Peter"]
_LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen",
         "Bech", "Østergaard", "Kjær", "Møller", "Holm"]
_TITLES = ["Direktør", "Centerchef", "Afdelingsleder", "Konsulent", "Skoleleder", "Sundhedschef", "Chefkonsulent"]
_ROLES = ["Formand", "Medlem", "Medlem", "Medlem", "Sekretariat", "Medlem", "Observatør"]
_BUDGET = ["Projektledelse", "Analyse og kortlægning", "Kompetenceudvikling", "IT og data", "Kommunikation",
           "Evaluering", "Borgerinddragelse"]


def danish_date(day: dt.date) -> str:
    return f"{day.day}. {_MONTHS[day.month - 1]} {day.year}"


def kroner(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " kr."


def contexts(count: int) -> list[dict[str, Any]]:
    """One context per organisation, from docpipe's packaged list of municipalities and regions.

    ~8 steering-group members and ~6 budget lines each (6-10 and 5-7, varying by organisation); a
    unit name with "&" so every engine has something to escape. Flat names, so that docxtemplater's
    default parser (no dotted paths) reads the same data.
    """
    organisations = list(official_organisations().values())
    result = []
    for index in range(count):
        org = organisations[index % len(organisations)]
        start = dt.date(2026, 1, 5) + dt.timedelta(days=7 * (index % 40))
        members = [{
            "name": f"{_FIRST[(index + n) % len(_FIRST)]} {_LAST[(3 * index + n) % len(_LAST)]}",
            "title": _TITLES[(index + n) % len(_TITLES)],
            "organisation": org.official_name,
            "role": "Formand" if n == 0 else _ROLES[(index + n) % len(_ROLES)],
        } for n in range(6 + index % 5)]
        budget = [{
            "item": _BUDGET[(index + n) % len(_BUDGET)],
            "year": str(2026 + n % 3),
            "amount": kroner(125_000 * (1 + (index * 7 + n * 3) % 11)),
        } for n in range(5 + index % 3)]
        total = sum(int(line["amount"].removesuffix(" kr.").replace(".", "")) for line in budget)
        result.append({
            "org_name": org.name,
            "org_official_name": org.official_name,
            "region_name": org.region_name,
            "title": f"Sammenhængende indsats for børn og unge i {org.name}",
            "theme": "tidlig indsats og sammenhæng for børn, unge og familier",
            "unit": "Børn & Unge, Sekretariatet",
            "committee": "Børn og Læring",
            "date": danish_date(start),
            "start_date": danish_date(start + dt.timedelta(days=30)),
            "end_date": danish_date(start + dt.timedelta(days=730)),
            "report_date": danish_date(start + dt.timedelta(days=365)),
            "end_year": str(start.year + 2),
            "chair_name": members[0]["name"],
            "chair_title": members[0]["title"].lower(),
            "contact_name": members[-1]["name"],
            "contact_email": f"sekretariat@{org.code}.kommune.dk",
            "members": members,
            "budget": budget,
            "budget_total": kroner(total),
        })
    return result


def row_context(rows: int) -> dict[str, Any]:
    return {"rows": [{"number": str(n), "name": f"Række {n} – Ærø & Østerbro", "amount": kroner(1_000 * n)}
                     for n in range(1, rows + 1)]}


# --- engines --------------------------------------------------------------------------------------

def docpipe_engine(path: Path) -> Render:
    """docpipe: the template prepared once; each document rendered to bytes."""
    template = WordTemplate(path)
    return template.render


def docxtpl_engine(path: Path) -> Render:
    """docxtpl as a naive user calls it: open, render (autoescaped), save into memory, per document."""
    def render(context: dict[str, Any]) -> bytes:
        template = DocxTemplate(path)
        template.render(context, autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        return buffer.getvalue()
    return render


def time_round(render: Render, items: Sequence[dict[str, Any]]) -> float:
    """ms per document of one round over ``items``."""
    start = time.perf_counter()
    for context in items:
        render(context)
    return (time.perf_counter() - start) * 1000 / len(items)


def time_engines(engines: dict[str, Render], items: Sequence[dict[str, Any]], repeat: int) -> dict[str, list[float]]:
    """A warm-up round per engine, then ``repeat`` rounds, the engines taking turns in each round.

    The garbage left by what ran before is collected before the warm-up, not before each round: the
    first allocations after a collection that freed much are slow (memory is handed back to the
    system and faulted in again), which would be timed as the engine's cost.
    """
    gc.collect()
    for render in engines.values():
        for context in items:
            render(context)
    rounds: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(repeat):
        for name, render in engines.items():
            rounds[name].append(time_round(render, items))
    return rounds


# --- correctness ----------------------------------------------------------------------------------

def visible_texts(data: bytes) -> dict[str, list[str]]:
    """What a reader sees: paragraph texts, table cell texts, header and footer texts (python-docx)."""
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    return {
        "paragraphs": [paragraph.text for paragraph in document.paragraphs],
        "tables": [" | ".join(cell.text for cell in row.cells) for table in document.tables for row in table.rows],
        "header": [paragraph.text for paragraph in section.header.paragraphs],
        "footer": [paragraph.text for paragraph in section.footer.paragraphs],
    }


def verify(docpipe_bytes: bytes, docxtpl_bytes: bytes, context: dict[str, Any]) -> None:
    """docpipe's and docxtpl's first document read the same, and hold the data; exits if not."""
    ours, theirs = visible_texts(docpipe_bytes), visible_texts(docxtpl_bytes)
    problems = [f"{kind} differ: docpipe {ours[kind]!r} docxtpl {theirs[kind]!r}"
                for kind in ("paragraphs", "tables", "header", "footer") if ours[kind] != theirs[kind]]
    expected_rows = 1 + len(context["members"]) + 1 + len(context["budget"]) + 1
    if len(ours["tables"]) != expected_rows:
        problems.append(f"docpipe's tables have {len(ours['tables'])} rows, expected {expected_rows}")
    if not any(context["org_name"] in text for text in ours["header"]):
        problems.append("the organisation's name is not in docpipe's header")
    if not any("Børn & Unge" in text for text in ours["paragraphs"]):
        problems.append("an escaped value (“Børn & Unge”) did not come out verbatim")
    if problems:
        sys.exit("correctness check failed:\n  " + "\n  ".join(problems))


def verify_docxtemplater(data: bytes, context: dict[str, Any], docpipe_bytes: bytes) -> str:
    """docxtemplater's first document names the organisation; also says whether it reads as docpipe's."""
    texts = visible_texts(data)
    if not any(context["org_name"] in text for text in texts["paragraphs"] + texts["header"]):
        sys.exit("correctness check failed: docxtemplater's document does not contain the organisation's name")
    same = texts == visible_texts(docpipe_bytes)
    return "same texts as docpipe's" if same else "texts differ from docpipe's (tag syntax differs; see out/)"


# --- docxtemplater (node) -------------------------------------------------------------------------

def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(os.environ.get("DOCPIPE_BENCH_CACHE") or Path(base) / "docpipe-bench") / "node"


def node_modules() -> Path | None:
    """The folder holding docxtemplater and pizzip, installed with npm when missing; None without node."""
    if not shutil.which("node") or not shutil.which("npm"):
        print("docxtemplater: skipped, node and npm are needed (not found on PATH)")
        return None
    prefix = cache_folder()
    modules = prefix / "node_modules"
    if not all((modules / name.split("@")[0] / "package.json").exists() for name in NPM_PACKAGES):
        print(f"installing {', '.join(NPM_PACKAGES)} into {prefix} ...", flush=True)
        command = ["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "--loglevel=error",
                   *NPM_PACKAGES]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"docxtemplater: skipped, npm install failed: {done.stderr.strip()[-500:]}")
            return None
    return modules


def run_docxtemplater(template: Path, items: Sequence[dict[str, Any]], repeat: int,
                      first_out: Path) -> dict[str, Any] | None:
    modules = node_modules()
    if modules is None:
        return None
    contexts_file = OUT / "contexts.json"
    contexts_file.write_text(json.dumps(list(items), ensure_ascii=False), "utf-8")
    environment = {**os.environ, "NODE_PATH": str(modules)}
    done = subprocess.run(["node", str(JS_BENCH), str(template), str(contexts_file), str(repeat), str(first_out)],
                          capture_output=True, text=True, env=environment, check=False)
    if done.returncode != 0:
        print(f"docxtemplater: skipped, node failed: {done.stderr.strip()[-800:]}")
        return None
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# --- report ---------------------------------------------------------------------------------------

def describe(rounds: list[float]) -> str:
    return f"{statistics.median(rounds):8.2f} ms/doc  (rounds: {', '.join(f'{value:.2f}' for value in rounds)})"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=98, help="documents (organisations) per round (98)")
    parser.add_argument("--rows", type=int, default=5000, help="rows of the big table-row loop (5000); also /5")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds per engine after the warm-up (5)")
    parser.add_argument("--row-repeat", type=int, default=3, help="timed renders per row count and engine (3)")
    arguments = parser.parse_args(argv)

    OUT.mkdir(exist_ok=True)
    templates = build_all(OUT / "templates")
    items = contexts(arguments.docs)
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}, {platform.system()} {platform.release()}; "
          f"Python {platform.python_version()}, docpipe {version('docpipe')}, docxtpl {version('docxtpl')}, "
          f"python-docx {version('python-docx')}, Jinja2 {version('Jinja2')}, lxml {version('lxml')}")
    print(f"template: {templates[f'kommissorium-{DOCXTPL}'].name} (ten sections, header, footer, two table-row "
          f"loops); {len(items)} documents, ~8 members and ~6 budget lines each; output kept in memory")

    engines = {"docpipe": docpipe_engine(templates[f"kommissorium-{DOCXTPL}"]),
               "docxtpl": docxtpl_engine(templates[f"kommissorium-{DOCXTPL}"])}
    first = {name: render(items[0]) for name, render in engines.items()}
    for name, data in first.items():
        (OUT / f"first-{name}.docx").write_bytes(data)
    verify(first["docpipe"], first["docxtpl"], items[0])
    print(f"check: docpipe and docxtpl give the same paragraph, table, header and footer texts for "
          f"{items[0]['org_name']}")

    rounds = time_engines(engines, items, arguments.repeat)
    medians = {name: statistics.median(values) for name, values in rounds.items()}
    for name, values in rounds.items():
        print(f"{name:14s}{describe(values)}")

    result = run_docxtemplater(templates[f"kommissorium-{DOCXTEMPLATER}"], items, arguments.repeat,
                               OUT / "first-docxtemplater.docx")
    if result is not None:
        note = verify_docxtemplater((OUT / "first-docxtemplater.docx").read_bytes(), items[0], first["docpipe"])
        medians["docxtemplater"] = statistics.median(result["ms_per_document"])
        print(f"{'docxtemplater':14s}{describe(result['ms_per_document'])}  docxtemplater {result['docxtemplater']}, "
              f"pizzip {result['pizzip']}, node {result['node']}; check: names the organisation, {note}")

    print("ratios (ms per document of the peer / docpipe's):")
    ratios = {peer: medians[peer] / medians["docpipe"] for peer in ("docxtpl", "docxtemplater") if peer in medians}
    for peer, ratio in ratios.items():
        print(f"  docpipe is {ratio:.1f}x faster than {peer}")

    row_report(templates[f"rows-{DOCXTPL}"], arguments.rows, arguments.row_repeat)

    docxtemplater_ratio = f"{ratios['docxtemplater']:.1f}x" if "docxtemplater" in ratios else "n/a (no node)"
    print(f"peers: docpipe {ratios['docxtpl']:.1f}x docxtpl, {docxtemplater_ratio} docxtemplater")


def row_report(template: Path, rows: int, repeat: int) -> None:
    """µs per row of one table-row loop, docpipe beside docxtpl, at rows/5 and rows rows.

    Per size: the whole document's time and that time divided by the rows (which includes the fixed
    cost of a document); then the marginal cost of a row between the two sizes, which is constant
    when the cost grows linearly.
    """
    engines = {"docpipe": docpipe_engine(template), "docxtpl": docxtpl_engine(template)}
    print(f"table-row loop (one {{%tr for %}} repeating a row of three cells; median of {repeat} renders "
          "after a warm-up):")
    sizes = sorted({max(rows // 5, 1), rows})
    timings: dict[str, dict[int, float]] = {name: {} for name in engines}
    for count in sizes:
        context = row_context(count)
        texts = {name: visible_texts(render(context))["tables"] for name, render in engines.items()}
        if texts["docpipe"] != texts["docxtpl"] or len(texts["docpipe"]) != count + 1:
            sys.exit(f"correctness check failed: the {count}-row tables of docpipe and docxtpl differ")
        figures = []
        for name, render in engines.items():
            milliseconds = statistics.median(time_engines({name: render}, [context], repeat)[name])
            timings[name][count] = milliseconds
            figures.append(f"{name} {milliseconds:7.1f} ms = {milliseconds * 1000 / count:5.1f} µs/row")
        print(f"  {count:6d} rows: " + ";  ".join(figures))
    if len(sizes) == 2:
        small, large = sizes
        marginal = {name: (times[large] - times[small]) * 1000 / (large - small) for name, times in timings.items()}
        print(f"  each row from {small} to {large}: " + ";  ".join(f"{name} {value:.1f} µs/row"
                                                                  for name, value in marginal.items())
              + f"  (docpipe {marginal['docxtpl'] / marginal['docpipe']:.1f}x faster per row)")


if __name__ == "__main__":
    main()
