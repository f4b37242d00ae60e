"""The CLI's ``--format`` and the API's ``format`` offer exactly the registered formats,
and render each the same way."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from dateline.cli.app import app as cli_app
from dateline.render.formats import FORMATS

PARAMS = {"query": "Riverton bridge", "dates": 3, "sentences": 2}


def test_the_cli_help_and_the_api_schema_list_the_registered_formats(client: TestClient) -> None:
    help_text = CliRunner().invoke(cli_app, ["timeline", "--help"], terminal_width=400).stdout
    assert f"One of: {', '.join(FORMATS.names())}." in " ".join(help_text.split())
    export = client.get("/openapi.json").json()["paths"]["/api/timeline/export"]["get"]
    [parameter] = [p for p in export["parameters"] if p["name"] == "format"]
    assert parameter["schema"]["enum"] == FORMATS.names()


@pytest.mark.parametrize("name", FORMATS.names())
def test_a_registered_format_is_exported_by_the_api_and_printed_by_the_cli(
    client: TestClient, web_db: Path, name: str
) -> None:
    output = FORMATS.get(name)
    response = client.get("/api/timeline/export", params=PARAMS | {"format": name})
    assert response.status_code == 200
    assert response.headers["content-type"] == output.media_type
    assert response.headers["content-disposition"].endswith(f'.{output.extension}"')
    cli = CliRunner().invoke(
        cli_app,
        ["timeline", PARAMS["query"], "--db", str(web_db), "--format", name, "--dates", "3", "--sentences", "2"],
    )
    assert cli.exit_code == 0, cli.stderr
    if name != "text":  # the CLI prints text through the terminal's own width and colours
        assert cli.stdout.rstrip("\n") == response.text.replace("\r\n", "\n").rstrip("\n")  # as Click's runner reads
