"""The "Machine and date" section of RESULTS.md: what the numbers were measured on.

python benchmarks/machine.py [--model NAME|PATH]
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time

from results import ROOT, model_label, write_section


def _command_output(args: list[str]) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return f"({args[0]} not available)"


def machine_description() -> dict[str, str]:
    """What the numbers were measured on: CPU, memory, software versions, code version."""
    lscpu = _command_output(["lscpu"])
    wanted = (
        "Model name",
        "CPU(s)",
        "Thread(s) per core",
        "Core(s) per socket",
        "Hypervisor vendor",
    )
    cpu = "; ".join(
        line.split(":", 1)[0].strip() + ": " + line.split(":", 1)[1].strip()
        for line in lscpu.splitlines()
        if ":" in line and line.split(":", 1)[0].strip() in wanted
    )
    try:
        import spacy

        spacy_version = spacy.__version__
    except ImportError:
        spacy_version = "not installed"
    commit = _command_output(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = _command_output(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"]
    )
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpu": cpu or platform.processor(),
        "memory": _command_output(["free", "-h"]),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "python": sys.version.split()[0],
        "spacy": spacy_version,
        "os": platform.platform(),
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
    }


def machine_section(model: str) -> str:
    info = machine_description()
    return (
        "## Machine and date\n\n"
        f"- date: {info['date']}\n"
        f"- commit: {info['commit']}\n"
        f"- cpu (lscpu): {info['cpu']}\n"
        f"- load average when the run started: {info['load']} (the machine is shared, see README)\n"
        f"- python {info['python']}, spaCy {info['spacy']}, {info['os']}\n"
        f"- model: `{model}`\n\n"
        "`free -h`:\n\n```\n" + info["memory"] + "\n```"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None, help="the spaCy pipeline the benchmarks use")
    args = parser.parse_args(argv)
    path = write_section("machine", machine_section(model_label(args.model)))
    print(f"machine and date written to {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
