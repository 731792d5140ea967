"""SARIF and GitHub annotations within the code host's rules.

URIs percent-encoded (RFC 3986) and accepted by Microsoft's validator; a fingerprint that
follows a finding when lines move; an end on every region; results and annotations capped
at GitHub's documented limits, errors first, with a count of what was left out.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from cxdsl.cli import main
from cxdsl.compiler import CheckResult, check_workspace
from cxdsl.diagnostics import Diagnostic, Severity, Span
from cxdsl.emit import CHECK_EMITTERS, CheckOutput
from cxdsl.emit.fingerprints import KEY, finding_key, fingerprints
from cxdsl.emit.limits import GITHUB_ANNOTATIONS_PER_KIND, SARIF_MAX_RESULTS

from .conftest import FIXTURES, REPO, make_workspace

VALIDATOR = REPO / "tools" / "node_modules" / ".bin" / "sarif-multitool"
#: Every rule of the validator but SARIF2006 (UrisShouldBeReachable), which fetches each
#: rule's helpUri and the tool's informationUri: the tests have no network, so each run
#: waited ~10 s for DNS to give up and the rule then reported nothing; with a network, its
#: verdict would be the web's, not the log's.
POLICY = """<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" />
  </Properties>
</Properties>
"""
#: The validator's own notice that the policy turned a rule off (not a finding of the log).
DISABLED = "warning WRN999.RuleExplicitlyDisabled : Rule 'SARIF2006' was explicitly disabled"
CASES = FIXTURES / "cases"
per = GITHUB_ANNOTATIONS_PER_KIND


def sarif(ws: Path) -> dict[str, Any]:
    result = CliRunner().invoke(main, ["check", str(ws), "--format", "sarif"])
    assert result.exit_code == 1, result.output
    return dict(json.loads(result.output))


def validator_report(path: Path) -> str:
    """What Microsoft's SARIF validator says of the log at ``path``, with GitHub's ingestion
    rules (GHnnnn) as well as the SARIF ones (all but SARIF2006: ``POLICY``)."""
    assert VALIDATOR.exists(), "make test installs tools/ (npm)"
    policy = path.with_name("sarif-policy.xml")
    policy.write_text(POLICY, encoding="utf-8")
    done = subprocess.run(
        # The npm wrapper runs the tool through a shell: the list's ";" must stay quoted.
        [str(VALIDATOR), "validate", "--rule-kind", '"Gh;Sarif"', "-c", str(policy), str(path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = done.stdout + done.stderr
    assert done.returncode == 0, report
    assert DISABLED in report, report  # the policy was read: every other rule ran
    return "\n".join(line for line in report.splitlines() if DISABLED not in line)


def sarif_validate(log: dict[str, Any], tmp_path: Path) -> None:
    """Microsoft's SARIF validator reports neither an error nor a warning."""
    path = tmp_path / "cxdsl.sarif"
    path.write_text(json.dumps(log, ensure_ascii=False), encoding="utf-8")
    report = validator_report(path)
    assert "error" not in report.lower() and "warning" not in report.lower(), report


def journey(new_id: str) -> str:
    """The unknown-channel case's journey under another id (one CX104 at line 11)."""
    text = (CASES / "unknown-channel" / "journeys" / "extra.yaml").read_text(encoding="utf-8")
    return text.replace("id: extra\n", f"id: {new_id}\n", 1)


def uris(log: dict[str, Any]) -> list[str]:
    return [
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    ]


def test_uris_are_percent_encoded_and_valid(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "a folder ع 100%")
    (ws / "journeys" / "with space ع.yaml").write_text(journey("space"), encoding="utf-8")
    (ws / "journeys" / "100%.yaml").write_text(journey("percent"), encoding="utf-8")
    log = sarif(ws)
    assert sorted(uris(log)) == ["journeys/100%25.yaml", "journeys/with%20space%20%D8%B9.yaml"]
    base = log["runs"][0]["originalUriBaseIds"]["SRCROOT"]["uri"]
    parts = urlsplit(base)
    assert parts.scheme == "file" and base.endswith("/") and " " not in base and base.isascii()
    # The base names the folder it was made from (outside git: the workspace itself).
    assert Path(unquote(parts.path)) == ws.resolve()
    sarif_validate(log, tmp_path)


def fingerprint_of(log: dict[str, Any], code: str) -> list[str]:
    return [r["partialFingerprints"][KEY] for r in log["runs"][0]["results"] if r["ruleId"] == code]


def start_line(log: dict[str, Any], code: str) -> int:
    [r] = [r for r in log["runs"][0]["results"] if r["ruleId"] == code]
    return int(r["locations"][0]["physicalLocation"]["region"]["startLine"])


def test_fingerprint_follows_a_finding_when_lines_move(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, CASES / "unknown-channel")
    shutil.copyfile(
        CASES / "unreachable-step" / "journeys" / "extra.yaml", ws / "journeys" / "other.yaml"
    )
    other = ws / "journeys" / "other.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("id: extra\n", "id: o\n", 1))
    before = sarif(ws)
    path = ws / "journeys" / "extra.yaml"
    path.write_text("# moved\n# down\n# three lines\n" + path.read_text(encoding="utf-8"))
    after = sarif(ws)
    assert start_line(after, "CX104") == start_line(before, "CX104") + 3
    assert fingerprint_of(after, "CX104") == fingerprint_of(before, "CX104")
    # Another finding (another code, file and message) has another fingerprint.
    [one], [two] = fingerprint_of(after, "CX104"), fingerprint_of(after, "CX212")
    assert one != two


def test_identical_findings_in_one_file_have_their_own_fingerprints(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, CASES / "unknown-channel")
    path = ws / "journeys" / "extra.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "      - id: b\n        title: {ar: خطوة, en: Step}\n        channel: kiosk\n",
        encoding="utf-8",
    )
    prints = fingerprint_of(sarif(ws), "CX104")
    assert len(prints) == 2 and len(set(prints)) == 2


@pytest.mark.parametrize(
    "cases",
    [("yaml-syntax", "tab-indent", "empty-file", "control-character", "unknown-channel")],
)
def test_every_result_has_an_end(tmp_path: Path, cases: tuple[str, ...]) -> None:
    ws = make_workspace(tmp_path)
    for case in cases:
        shutil.copyfile(CASES / case / "journeys" / "extra.yaml", ws / "journeys" / f"{case}.yaml")
    (ws / "journeys" / "folder.yaml").mkdir()
    (ws / "journeys" / "binary.yaml").write_bytes(b"kind: journey\nid: \x00bin\n")
    log = sarif(ws)
    codes = set()
    for r in log["runs"][0]["results"]:
        codes.add(r["ruleId"])
        for loc in r.get("locations", []) + r.get("relatedLocations", []):
            region = loc["physicalLocation"]["region"]
            assert set(region) == {"startLine", "startColumn", "endLine", "endColumn"}, r
            start = (region["startLine"], region["startColumn"])
            assert (region["endLine"], region["endColumn"]) >= start, r
    assert {"CX001", "CX005", "CX008", "CX104"} <= codes
    sarif_validate(log, tmp_path)


def synthetic(ws: Path, counts: dict[Severity, int]) -> CheckOutput:
    """A check of ``ws`` whose diagnostics are replaced by many made-up ones.

    Warnings and infos come first in the file, so only ordering by severity puts the
    errors first.
    """
    rank = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
    diagnostics = [
        Diagnostic(
            code="CX104",
            name="ref.unknown-channel",
            severity=severity,
            message=f"unknown channel 'c{i}'",
            span=Span(file=f"journeys/{rank[severity]}.yaml", line=i + 1, column=3),
        )
        for severity, n in counts.items()
        for i in range(n)
    ]
    result: CheckResult = check_workspace(ws)
    return CheckOutput(dataclasses.replace(result, diagnostics=diagnostics), ws)


def test_sarif_keeps_the_hosts_limit_errors_first_and_says_what_is_left_out(
    workspace: Path, tmp_path: Path
) -> None:
    errors, warnings = 1_000, SARIF_MAX_RESULTS
    out = synthetic(workspace, {Severity.WARNING: warnings, Severity.ERROR: errors})
    log = json.loads(CHECK_EMITTERS["sarif"](out))
    [run] = log["runs"]
    levels = [r["level"] for r in run["results"]]
    assert len(levels) == SARIF_MAX_RESULTS
    assert levels == ["error"] * errors + ["warning"] * (SARIF_MAX_RESULTS - errors)
    [note] = run["invocations"][0]["toolExecutionNotifications"]
    assert note["message"]["text"].startswith("1000 of 6000 results left out (1000 warnings)")
    sarif_validate(log, tmp_path)


def test_a_finding_without_a_place_is_placed_on_the_settings_file(
    workspace: Path, tmp_path: Path
) -> None:
    out = synthetic(workspace, {Severity.ERROR: 1})
    spanless = out.result.diagnostics[0].model_copy(update={"span": None})
    out = CheckOutput(dataclasses.replace(out.result, diagnostics=[spanless]), workspace)
    log = json.loads(CHECK_EMITTERS["sarif"](out))
    assert uris(log) == ["cxdsl.yaml"]
    sarif_validate(log, tmp_path)


def test_sarif_within_the_limit_has_no_note(workspace: Path) -> None:
    out = synthetic(workspace, {Severity.WARNING: 3, Severity.ERROR: 2})
    [run] = json.loads(CHECK_EMITTERS["sarif"](out))["runs"]
    assert [r["level"] for r in run["results"]] == ["error"] * 2 + ["warning"] * 3
    assert "invocations" not in run


def annotations(text: str) -> tuple[list[str], list[str]]:
    """The workflow commands of a GitHub output, and its plain log lines."""
    lines = text.splitlines()
    return [x for x in lines if x.startswith("::")], [x for x in lines if not x.startswith("::")]


def test_github_shows_the_most_important_and_counts_the_rest(workspace: Path) -> None:
    out = synthetic(workspace, {Severity.INFO: 3, Severity.WARNING: 12, Severity.ERROR: 25})
    commands, plain = annotations(CHECK_EMITTERS["github"](out))
    kinds = [c.split(" ", 1)[0] for c in commands]
    assert kinds == ["::error"] * per + ["::warning"] * per + ["::notice"] * 4
    # Within a kind, by file and line: the first ten errors of the file.
    assert [c.split(",")[1] for c in commands[:3]] == ["line=1", "line=2", "line=3"]
    assert len(plain) == 15 + 2 and all(": error CX104" in x for x in plain[:15])
    assert commands[-1] == (
        "::notice title=cxdsl::17 more findings (15 errors, 2 warnings) not shown as "
        "annotations: GitHub shows 10 of each kind per step; all are in this step's log"
    )


def test_github_keeps_a_notice_for_its_summary(workspace: Path) -> None:
    out = synthetic(workspace, {Severity.INFO: per, Severity.ERROR: per + 1})
    commands, plain = annotations(CHECK_EMITTERS["github"](out))
    notices = [c for c in commands if c.startswith("::notice")]
    assert len(notices) == GITHUB_ANNOTATIONS_PER_KIND
    assert notices[-1].startswith("::notice title=cxdsl::2 more findings (1 error, 1 info)")
    assert len(plain) == 2


def test_github_within_the_limits_has_no_summary(workspace: Path) -> None:
    out = synthetic(workspace, {Severity.INFO: per, Severity.WARNING: per, Severity.ERROR: per})
    commands, plain = annotations(CHECK_EMITTERS["github"](out))
    assert len(commands) == 3 * per and not plain
    assert "title=cxdsl::" not in commands[-1]


def test_a_position_quoted_in_a_message_is_not_part_of_the_identity() -> None:
    def at(line: int) -> Diagnostic:
        return Diagnostic(
            code="CX001",
            name="yaml.syntax",
            severity=Severity.ERROR,
            message=f'YAML error: in "x.yaml", line {line}, column 5',
            span=Span(file="journeys/x.yaml", line=line, column=5),
        )

    assert finding_key(at(3), "cx/") == finding_key(at(9), "cx/")
    assert finding_key(at(3), "cx/") != finding_key(at(3), "")


def test_files_refused_unread_are_never_opened_for_their_regions(workspace: Path) -> None:
    os.mkfifo(workspace / "journeys" / "pipe.yaml")
    (workspace / "journeys" / "zero.yaml").symlink_to("/dev/zero")
    done = subprocess.run(
        [str(Path(sys.executable).parent / "cxdsl"), "check", str(workspace), "--format", "sarif"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)["runs"][0]["results"]
    codes = {r["ruleId"] for r in results}
    assert {"CX014", "CX015"} <= codes


def test_a_rule_finding_is_identified_by_its_subject_not_its_words(workspace: Path) -> None:
    journey = workspace / "journeys" / "renew-license.yaml"
    journey.write_text(
        journey.read_text(encoding="utf-8").replace("        channel: portal\n", ""),
        encoding="utf-8",
    )
    result = check_workspace(workspace)
    (finding,) = [d for d in result.diagnostics if d.code == "CX205"]
    assert finding.subject == "journey:renew-license/stages/0/steps/0"
    reworded = finding.model_copy(update={"message": "another wording"})
    assert fingerprints([finding], "") == fingerprints([reworded], "")
