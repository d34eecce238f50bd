"""The HTTP API: every status code, byte-for-byte equality with `docpipe batch`, and the upload limits."""

from __future__ import annotations

import io
import json
import shutil
import stat
import threading
import warnings
import zipfile
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="docpipe serve needs fastapi (pip install fastapi python-multipart httpx)")
pytest.importorskip("multipart", reason="docpipe serve needs python-multipart")
pytest.importorskip("httpx", reason="FastAPI's TestClient needs httpx")
from click.testing import CliRunner
from fastapi import FastAPI
from fastapi.testclient import TestClient

from docpipe import load_case
from docpipe.cli import main
from docpipe.intake.writer import workbook_bytes
from docpipe.web.uploads import MAX_UPLOAD_BYTES, UploadStore
from tests.conftest import INPUTS
from tests.web.conftest import zip_folder


def cli_batch(root: Path, out: Path) -> dict[str, bytes]:
    """What `docpipe batch ROOT --out OUT` writes, by relative path (manifest.json left out)."""
    result = CliRunner().invoke(main, ["batch", str(root), "--out", str(out), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    return {path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.is_file() and path.name != "manifest.json"}


def zip_contents(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def upload(client: TestClient, path: str, name: str, data: bytes, **params: str) -> object:
    return client.post(path, files={"file": (name, data)}, params=params)


# --- 200 ---------------------------------------------------------------------------------------


def test_validate_a_valid_case_folder(client: TestClient, halsnaes_zip: bytes) -> None:
    response = client.post("/api/validate", files={"file": ("sag.zip", halsnaes_zip)})
    assert response.status_code == 200
    answer = response.json()
    assert (answer["cases"], answer["problems"]) == (["halsnaes-boern-og-unge"], [])
    # the shipped plan starts before the committee meets: a warning, in Danish, placed like a problem
    assert answer["warnings"] == [{"case": "halsnaes-boern-og-unge", "location": "planning.yaml:4",
                                   "field": "phases[0].start", "message": answer["warnings"][0]["message"]}]
    assert answer["warnings"][0]["message"].startswith("initiativet begynder 2026-10-01")


def test_render_of_a_case_folder_equals_docpipe_batch(client: TestClient, halsnaes_zip: bytes, tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(INPUTS / "halsnaes-boern-og-unge", root / "halsnaes-boern-og-unge")
    expected = cli_batch(root, tmp_path / "out")
    response = client.post("/api/render", files={"file": ("sag.zip", halsnaes_zip)})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    got = zip_contents(response.content)
    manifest = json.loads(got.pop("manifest.json"))
    assert got == expected
    assert manifest["command"] == "batch"
    assert [entry["case"] for entry in manifest["entries"]] == ["halsnaes-boern-og-unge"]


def test_render_of_every_shipped_case_equals_docpipe_batch(client: TestClient, tmp_path: Path) -> None:
    """The whole inputs/ folder (with _shared) as one zip: a batch root of every shipped case."""
    expected = cli_batch(INPUTS, tmp_path / "out")
    response = client.post("/api/render", files={"file": ("inputs.zip", zip_folder(INPUTS))})
    assert response.status_code == 200, response.text
    got = zip_contents(response.content)
    manifest = json.loads(got.pop("manifest.json"))
    assert got == expected
    assert len(manifest["entries"]) == len({name.split("/")[0] for name in expected})


def test_render_of_an_exported_workbook_equals_docpipe_batch(client: TestClient, tmp_path: Path) -> None:
    workbook = workbook_bytes(load_case(INPUTS / "halsnaes-boern-og-unge"))
    root = tmp_path / "root"
    root.mkdir()
    (root / "halsnaes.xlsx").write_bytes(workbook)
    expected = cli_batch(root, tmp_path / "out")
    response = client.post("/api/render", files={"file": ("halsnaes.xlsx", workbook)})
    assert response.status_code == 200, response.text
    got = zip_contents(response.content)
    got.pop("manifest.json")
    assert got == expected
    assert {name.split("/")[0] for name in got} == {"halsnaes"}


def _upload_of(kind: str) -> tuple[str, bytes]:
    if kind == "workbook":
        return "halsnaes.xlsx", workbook_bytes(load_case(INPUTS / "halsnaes-boern-og-unge"))
    if kind == "case files at the top":
        return "sag.zip", zip_folder(INPUTS / "halsnaes-boern-og-unge", prefix="")
    if kind == "case folder":
        return "sag.zip", zip_folder(INPUTS / "halsnaes-boern-og-unge")
    return "inputs.zip", zip_folder(INPUTS)


@pytest.mark.parametrize(("kind", "root", "case", "source"), [
    ("workbook", "halsnaes.xlsx", "halsnaes", "halsnaes.xlsx"),
    ("case files at the top", "sag.zip", "sag", "sag.zip"),
    ("case folder", "sag.zip", "halsnaes-boern-og-unge", "sag.zip/halsnaes-boern-og-unge"),
    ("batch root", "inputs.zip/inputs", "policy-lab-gribskov", "inputs.zip/inputs/policy-lab-gribskov"),
])
def test_the_manifest_names_the_upload_not_the_server(client: TestClient, tmp_path: Path, kind: str, root: str,
                                                      case: str, source: str) -> None:
    """inputs.root.path and each entry's source are paths inside the upload, never its temporary folder."""
    name, data = _upload_of(kind)
    response = client.post("/api/render", files={"file": (name, data)})
    assert response.status_code == 200, response.text
    text = zip_contents(response.content)["manifest.json"].decode("utf-8")
    for server_path in (str(tmp_path), "uploads/", "docpipe-web-", "input-root"):
        assert server_path not in text
    manifest = json.loads(text)
    assert manifest["inputs"]["root"]["path"] == root
    assert {entry["case"]: entry["source"] for entry in manifest["entries"]}[case] == source


def with_own_template(case_copy: Callable[[str], Path]) -> bytes:
    from docpipe.render.locate import default_templates_dir

    folder = case_copy("halsnaes-boern-og-unge")
    (folder / "templates").mkdir()
    shutil.copyfile(default_templates_dir() / "docx" / "kommissorium.docx", folder / "templates" / "kommissorium.docx")
    return zip_folder(folder)


@pytest.mark.parametrize("route", ["/api/render", "/api/validate", "/upload"])
def test_uploaded_templates_are_refused_by_default(client: TestClient, case_copy: Callable[[str], Path],
                                                   route: str) -> None:
    """A template is code that runs on the server; a 20 KB one asked for a gigabyte."""
    response = client.post(route, files={"file": ("sag.zip", with_own_template(case_copy))})
    assert response.status_code == 422
    assert "sag.zip/halsnaes-boern-og-unge/templates/kommissorium.docx" in response.text
    assert "--allow-uploaded-templates" in response.text


def test_a_cases_own_template_is_named_inside_the_upload(make_app: Callable[..., FastAPI],
                                                        case_copy: Callable[[str], Path]) -> None:
    client = TestClient(make_app(uploaded_templates=True))
    response = client.post("/api/render", files={"file": ("sag.zip", with_own_template(case_copy))})
    assert response.status_code == 200, response.text
    manifest = json.loads(zip_contents(response.content)["manifest.json"])
    used = manifest["entries"][0]["templates"]["kommissorium.docx"]
    assert used == "sag.zip/halsnaes-boern-og-unge/templates/kommissorium.docx"


def test_render_with_pdf_true_adds_the_word_documents_as_pdf(client: TestClient, halsnaes_zip: bytes,
                                                             tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        print("skipping ?pdf=true: soffice (LibreOffice) is not installed")
        pytest.skip("soffice not installed: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui")
    root = tmp_path / "root"
    shutil.copytree(INPUTS / "halsnaes-boern-og-unge", root / "halsnaes-boern-og-unge")
    expected = cli_batch(root, tmp_path / "out")
    response = client.post("/api/render", params={"pdf": "true"}, files={"file": ("sag.zip", halsnaes_zip)})
    assert response.status_code == 200, response.text
    got = zip_contents(response.content)
    manifest = json.loads(got.pop("manifest.json"))
    pdfs = {name: data for name, data in got.items() if name.endswith(".pdf")}
    words = [name for name in expected if name.endswith(".docx")]
    assert sorted(pdfs) == sorted(name.removesuffix(".docx") + ".pdf" for name in words)
    assert len(pdfs) == 6
    assert all(data.startswith(b"%PDF-") for data in pdfs.values())
    assert {name: data for name, data in got.items() if not name.endswith(".pdf")} == expected
    assert manifest["options"]["pdf"] == "word"
    assert {record["path"] for record in manifest["entries"][0]["files"]} == set(got)


def test_the_upload_folder_is_removed_after_an_api_answer(make_app: Callable[..., FastAPI], halsnaes_zip: bytes,
                                                          tmp_path: Path) -> None:
    client = TestClient(make_app())
    assert client.post("/api/render", files={"file": ("sag.zip", halsnaes_zip)}).status_code == 200
    assert client.post("/api/validate", files={"file": ("sag.zip", halsnaes_zip)}).status_code == 200
    assert list((tmp_path / "uploads").iterdir()) == []


def test_openapi_describes_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/validate", "/api/render"} <= set(paths)


# --- 422 ---------------------------------------------------------------------------------------


def test_an_invalid_case_gives_every_problem_and_nothing_rendered(client: TestClient, case_copy: Callable[[str], Path]
                                                                  ) -> None:
    folder = case_copy("halsnaes-boern-og-unge")
    text = (folder / "initiative.yaml").read_text("utf-8")
    (folder / "initiative.yaml").write_text("titel: stavefejl\n" + text, "utf-8")
    for path in ("/api/validate", "/api/render"):
        response = client.post(path, files={"file": ("sag.zip", zip_folder(folder))})
        assert response.status_code == 422
        problems = response.json()["problems"]
        assert problems
        assert {"location", "field", "message"} <= set(problems[0])
        assert any(p["location"].startswith("initiative.yaml") and p["field"] == "titel" for p in problems)


def test_a_broken_workbook_names_sheet_and_cell(client: TestClient) -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(load_case(INPUTS / "halsnaes-boern-og-unge"))))
    sheet = book.worksheets[1]
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row):
        for cell in row:
            if isinstance(cell.value, str) and "@" in cell.value:
                cell.value = "ikke-en-mail"
    buffer = io.BytesIO()
    book.save(buffer)
    response = client.post("/api/validate", files={"file": ("brudt.xlsx", buffer.getvalue())})
    assert response.status_code == 422, response.text
    assert any("!" in p["location"] for p in response.json()["problems"])


def test_an_archive_without_a_case(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("noter/readme.txt", "hej")
    response = client.post("/api/validate", files={"file": ("tom.zip", buffer.getvalue())})
    assert response.status_code == 422
    assert "ingen sag" in response.json()["problems"][0]["message"]


def test_a_missing_file_field(client: TestClient) -> None:
    response = client.post("/api/validate", data={"other": "x"})
    assert response.status_code == 422
    assert response.json()["problems"]


def _zip_with(entry: zipfile.ZipInfo, data: bytes = b"x") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("sag/initiative.yaml", "title: x\n")
        archive.writestr(entry, data)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["../evil", "sag/../../evil", "/etc/evil", "C:/evil"])
def test_zip_slip_is_refused(client: TestClient, name: str, make_app: Callable[..., FastAPI], tmp_path: Path) -> None:
    response = client.post("/api/render", files={"file": ("slip.zip", _zip_with(zipfile.ZipInfo(name)))})
    assert response.status_code == 422
    assert response.json()["problems"][0]["location"] == name
    assert not (tmp_path / "evil").exists()
    assert not (tmp_path / "uploads" / "evil").exists()


def test_a_symlink_in_the_zip_is_refused(client: TestClient) -> None:
    link = zipfile.ZipInfo("sag/logo.png")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    response = client.post("/api/render", files={"file": ("link.zip", _zip_with(link, b"/etc/passwd"))})
    assert response.status_code == 422
    assert "link" in response.json()["problems"][0]["message"]


def test_a_device_file_in_the_zip_is_refused(client: TestClient) -> None:
    device = zipfile.ZipInfo("sag/dev")
    device.external_attr = (stat.S_IFCHR | 0o600) << 16
    response = client.post("/api/render", files={"file": ("dev.zip", _zip_with(device))})
    assert response.status_code == 422


# --- 413 ---------------------------------------------------------------------------------------


def test_a_zip_bomb_is_refused(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("sag/initiative.yaml", b"\0" * (30 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    response = client.post("/api/render", files={"file": ("bombe.zip", buffer.getvalue())})
    assert response.status_code == 413
    assert "zip-bombe" in response.json()["problems"][0]["message"]


def test_too_many_entries_are_refused(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(501):
            archive.writestr(f"sag/{number}.txt", "")
    response = client.post("/api/validate", files={"file": ("mange.zip", buffer.getvalue())})
    assert response.status_code == 413


def test_an_oversize_upload_is_refused(client: TestClient) -> None:
    data = b"PK\x03\x04" + b"\0" * MAX_UPLOAD_BYTES
    response = client.post("/api/render", files={"file": ("stor.zip", data)})
    assert response.status_code == 413
    assert "MB" in response.json()["problems"][0]["message"]


def test_an_oversize_upload_without_content_length_is_refused(client: TestClient) -> None:
    boundary = "graense"

    def body() -> Iterator[bytes]:
        yield (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"stor.zip\"\r\n"
               "Content-Type: application/zip\r\n\r\n").encode()
        for _ in range(22):
            yield b"\0" * (1024 * 1024)
        yield f"\r\n--{boundary}--\r\n".encode()

    response = client.post("/api/validate", content=body(),
                           headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
    assert response.status_code == 413


# --- 415 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "data"), [("brev.docx.txt", b"hello"), ("sag.pdf", b"%PDF-1.7"), ("x.xlsx", b"")])
def test_not_a_workbook_or_zip(client: TestClient, name: str, data: bytes) -> None:
    response = client.post("/api/validate", files={"file": (name, data)})
    assert response.status_code == 415
    assert response.json()["problems"][0]["message"]


# --- 401 ---------------------------------------------------------------------------------------


def test_a_token_is_required_when_set(make_app: Callable[..., FastAPI], halsnaes_zip: bytes) -> None:
    client = TestClient(make_app(token="hemmelig"))
    assert client.get("/openapi.json").status_code == 401
    denied = client.post("/api/validate", files={"file": ("sag.zip", halsnaes_zip)})
    assert denied.status_code == 401
    assert denied.json()["problems"]
    assert client.get("/", headers={"Authorization": "Bearer forkert"}, follow_redirects=False).status_code == 303
    assert client.get("/", headers={"Authorization": "Bearer hemmelig"}).status_code == 200
    allowed = client.post("/api/validate", files={"file": ("sag.zip", halsnaes_zip)},
                          headers={"Authorization": "Bearer hemmelig"})
    assert allowed.status_code == 200


def test_the_token_is_never_taken_from_the_url(make_app: Callable[..., FastAPI]) -> None:
    """A token in a URL lands in logs and browser history; it opens nothing."""
    client = TestClient(make_app(token="hemmelig"))
    assert client.get("/?token=hemmelig", follow_redirects=False).status_code == 303
    assert client.get("/api/validate?token=hemmelig").status_code == 401


def test_a_person_logs_in_once_and_the_cookie_carries_the_token(make_app: Callable[..., FastAPI],
                                                                  halsnaes_zip: bytes) -> None:
    client = TestClient(make_app(token="hemmelig"))
    start = client.get("/", follow_redirects=False)
    assert (start.status_code, start.headers["location"]) == (303, "/login")
    assert client.get("/static/style.css").status_code == 200  # the login page is styled
    wrong = client.post("/login", data={"token": "nej"})
    assert wrong.status_code == 401 and "ikke rigtigt" in wrong.text
    login = client.post("/login", data={"token": "hemmelig"}, follow_redirects=False)
    assert login.status_code == 303
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = client.get("/")
    assert page.status_code == 200 and "hemmelig" not in page.text
    uploaded = client.post("/upload", files={"file": ("sag.zip", halsnaes_zip)})
    assert uploaded.status_code == 200 and "kommissorium.docx" in uploaded.text
    assert "token=" not in uploaded.text


def test_without_the_token_the_body_is_not_read(make_app: Callable[..., FastAPI]) -> None:
    """Refused from the headers alone: the body is never asked for, so 20 MB cost the server nothing."""
    app = make_app(token="hemmelig")
    asked = []

    async def receive() -> dict[str, object]:
        asked.append(True)
        return {"type": "http.request", "body": b"x" * 1024, "more_body": True}

    sent: list[MutableMapping[str, Any]] = []

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/render", "raw_path": b"/api/render",
             "query_string": b"", "headers": [(b"host", b"testserver"), (b"content-length", b"20000000")],
             "scheme": "http", "server": ("testserver", 80), "client": ("127.0.0.1", 1), "root_path": "",
             "http_version": "1.1"}
    import asyncio

    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 401
    assert not asked


def test_an_empty_token_is_refused(make_app: Callable[..., FastAPI]) -> None:
    with pytest.raises(ValueError):
        make_app(token=" ")


def test_a_cross_origin_post_is_refused_with_or_without_a_token(make_app: Callable[..., FastAPI],
                                                                 halsnaes_zip: bytes) -> None:
    for token, headers in ((None, {}), ("hemmelig", {"Authorization": "Bearer hemmelig"})):
        client = TestClient(make_app(token=token))
        foreign = client.post("/upload", files={"file": ("sag.zip", halsnaes_zip)},
                              headers={**headers, "Origin": "https://ondsindet.example"})
        assert foreign.status_code == 403
        assert client.post("/api/validate", files={"file": ("sag.zip", halsnaes_zip)},
                           headers={**headers, "Sec-Fetch-Site": "cross-site"}).status_code == 403
        same = client.post("/api/validate", files={"file": ("sag.zip", halsnaes_zip)},
                           headers={**headers, "Origin": "http://testserver"})
        assert same.status_code == 200


def test_only_the_host_names_the_server_was_started_for(make_app: Callable[..., FastAPI]) -> None:
    """A DNS-rebinding page reaches the server under its own host name: refused."""
    client = TestClient(make_app(allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://localhost:8000")
    assert client.get("/").status_code == 200
    rebound = client.get("/", headers={"Host": "angriber.example:8000"})
    assert rebound.status_code == 400 and "angriber.example" in rebound.text


# --- isolation ---------------------------------------------------------------------------------


def test_two_uploads_at_once_do_not_mix(make_app: Callable[..., FastAPI]) -> None:
    app = make_app()
    names = ["halsnaes-boern-og-unge", "nordsjaellands-politi-tryghed"]
    results: dict[str, set[str]] = {}
    errors: list[BaseException] = []

    def post(name: str) -> None:
        try:
            response = TestClient(app).post("/api/render", files={"file": ("sag.zip", zip_folder(INPUTS / name))})
            assert response.status_code == 200, response.text
            results[name] = {entry.split("/")[0] for entry in zip_contents(response.content) if "/" in entry}
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=post, args=(name,)) for name in names for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert results == {name: {name} for name in names}


def test_the_store_serves_nothing_outside_an_upload(tmp_path: Path) -> None:
    store = UploadStore(tmp_path / "uploads")
    upload_id, folder = store.create()
    (folder / "out").mkdir()
    (folder / "out" / "a.txt").write_text("a")
    (tmp_path / "secret.txt").write_text("s")
    assert store.file(upload_id, "out", "a.txt") == (folder / "out" / "a.txt").resolve()
    assert store.file(upload_id, "..", "..", "secret.txt") is None
    assert store.file("../secret.txt") is None
    assert store.file("x" * 20, "out", "a.txt") is None
    other_id, _ = store.create()
    assert other_id != upload_id and len(other_id) >= 32


def test_old_uploads_are_swept(tmp_path: Path) -> None:
    import time

    store = UploadStore(tmp_path / "uploads", keep_seconds=60)
    _, folder = store.create()
    store.sweep(now=time.time())
    assert folder.exists()
    store.sweep(now=time.time() + 61)
    assert not folder.exists()


def test_a_name_the_file_system_cannot_hold_is_422_not_500(client: TestClient, halsnaes_zip: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(halsnaes_zip)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    long_name = "halsnaes-boern-og-unge/" + "x" * 300 + ".yaml"
    response = client.post("/api/validate", files={"file": ("sag.zip", make_zip([*entries, (long_name, b"a: 1")]))})
    assert response.status_code == 422
    assert "x" * 300 in response.text


def test_a_file_twice_in_the_zip_is_named_as_the_zip_names_it(client: TestClient, halsnaes_zip: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(halsnaes_zip)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    response = client.post("/api/validate", files={"file": ("sag.zip", make_zip([*entries, entries[0]]))})
    assert response.status_code == 422
    message = response.json()["problems"][0]["message"]
    assert message.endswith(entries[0][0]) and "/tmp" not in message and "input/" not in message


@pytest.mark.parametrize("path", ["/", "/static/style.css", "/intake/blank.xlsx", "/openapi.json"])
def test_head_is_answered_wherever_get_is(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b""
    assert head.headers["content-type"] == got.headers["content-type"]


def make_zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about a duplicate name: that is the point
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, data in entries:
                archive.writestr(name, data)
    return buffer.getvalue()


def test_validate_and_render_name_a_workbook_case_alike(client: TestClient) -> None:
    workbook = workbook_bytes(load_case(INPUTS / "halsnaes-boern-og-unge"))
    validated = client.post("/api/validate", files={"file": ("vejle.xlsx", workbook)})
    rendered = client.post("/api/render", files={"file": ("vejle.xlsx", workbook)})
    assert validated.json()["cases"] == ["vejle"]
    assert json.loads(rendered.headers["X-Docpipe-Cases"]) == ["vejle"]


def test_openapi_describes_the_answers_and_the_token(make_app: Callable[..., FastAPI]) -> None:
    plain = TestClient(make_app()).get("/openapi.json").json()
    validate = plain["paths"]["/api/validate"]["post"]["responses"]
    for status in ("200", "422"):
        assert validate[status]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Answer"}
    assert set(plain["components"]["schemas"]["ProblemItem"]["properties"]) == {"case", "location", "field", "message"}
    assert "securitySchemes" not in plain["components"]
    guarded = TestClient(make_app(token="hemmelig")).get("/openapi.json", headers={"Authorization": "Bearer hemmelig"})
    described = guarded.json()
    assert described["components"]["securitySchemes"]["token"] == {
        "type": "http", "scheme": "bearer", "description": "Tokenet, serveren er startet med"}
    assert described["security"] == [{"token": []}]
