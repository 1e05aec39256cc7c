"""The README's promises: the rule table matches the registry, the quickstart names real targets."""

from __future__ import annotations

import re
from pathlib import Path

from optimiser.intervision.rules import rule_table_markdown

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rule_table_is_generated_from_the_registry():
    block = re.search(r"<!-- rules:start.*?-->\n(.*?)<!-- rules:end -->", README, re.S)
    assert block, "README lost its rules markers"
    assert block.group(1).strip() == rule_table_markdown("en").strip(), (
        "README rule table is stale: run `make readme`"
    )


def test_quickstart_commands_are_make_targets():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in re.findall(r"^make (\w+)", README, re.M):
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target} is not a target"
