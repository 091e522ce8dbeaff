"""``python -m specward.rules [--write-docs [PATH]]``: print or regenerate docs/rules.md."""

from __future__ import annotations

import sys
from pathlib import Path

from specward.rules.docs import DOCS_PATH, render_markdown


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--write-docs":
        target = Path(argv[1]) if len(argv) > 1 else DOCS_PATH
        target.write_text(render_markdown(), encoding="utf-8")
        print(f"wrote {target}")
        return 0
    sys.stdout.write(render_markdown())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
