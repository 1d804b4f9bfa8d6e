"""The ``peta-inklusi`` console script.

Each sub-command is registered in ``COMMANDS`` as (module, function, help,
argument adder). Modules are imported only when their command runs, so the
CLI starts fast and ``data``/``geo`` stay importable without side effects.
Every command function takes the parsed ``argparse.Namespace`` and returns an
exit status.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable


def _no_args(p: argparse.ArgumentParser) -> None:
    return None


def _template(p):
    p.add_argument("out", help="workbook to write, e.g. hasil.xlsx")


def _ingest(p):
    p.add_argument("path", help="an .xlsx workbook in the template format, or a folder of CSVs")
    p.add_argument("--note", default="", help="a note stored in the new version's metadata")
    p.add_argument("--dry-run", action="store_true", help="validate only; publish nothing")


def _export(p):
    p.add_argument("out", help="workbook to write")
    p.add_argument("--version", default=None, help="snapshot version (default: the live one)")


def _rollback(p):
    p.add_argument("version", help="a version listed by `peta-inklusi versions`")


def _diff(p):
    p.add_argument("v1")
    p.add_argument("v2")


def _demo(p):
    p.add_argument("--size", type=int, default=2000,
                   help="number of villages (up to 83762, every village in the country)")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    p.add_argument("--out", default=None,
                   help="data directory to publish the illustrative snapshot into "
                        "(default: <PETA_DATA_DIR>-demo)")


def _geo(p):
    sub = p.add_subparsers(dest="geo_command", required=True)
    b = sub.add_parser("build", help="build code-keyed, simplified boundaries into geo/")
    b.add_argument("--out", default=None, help="output folder (default: geo/generated)")


def _bench(p):
    p.add_argument("--quick", action="store_true", help="check the benchmark works (CI), not the timings")


# name -> (module, function, help, add_arguments)
COMMANDS: dict[str, tuple[str, str, str, Callable]] = {
    "geo": ("geo.build", "cli_main", "boundary commands (geo build)", _geo),
    "seed": ("data.seed", "cli_main", "build and publish the snapshot transcribed from the seed documents", _no_args),
    "template": ("data.template", "cli_main", "write an empty input workbook with instructions", _template),
    "ingest": ("data.ingest", "cli_main", "validate a workbook or CSV folder and publish a new version", _ingest),
    "export": ("data.export", "cli_main", "write a snapshot back in the template format", _export),
    "versions": ("data.snapshot", "cli_versions", "list published versions", _no_args),
    "rollback": ("data.snapshot", "cli_rollback", "make an older version live again", _rollback),
    "diff": ("data.diff", "cli_main", "what rose, fell, appeared or was restated between two versions", _diff),
    "demo": ("data.demo", "cli_main", "write an ILLUSTRATIVE village-level snapshot", _demo),
    "bench": ("bench.run", "cli_main", "measure page weight, time to map and load", _bench),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="peta-inklusi", description="Peta Inklusi data and boundary commands")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (_mod, _fn, help_, add) in COMMANDS.items():
        add(sub.add_parser(name, help=help_, description=help_))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module, function, _help, _add = COMMANDS[args.command]
    fn = getattr(importlib.import_module(module), function)
    return int(fn(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
