"""The test suite's own layout: test modules never import one another (nor a conftest).

Shared helpers live in tests/helpers/, fixtures in the conftest.py files; pytest
finds fixtures itself, so importing one from another module is never needed.
"""

import ast
import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
FORBIDDEN = re.compile(r"^tests(\.e2e)?\.(test_\w+|conftest)$")


def imported_modules(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: `from .conftest import x`, `from . import test_x`
                yield "." * node.level + (node.module or "")
            else:
                yield node.module
                yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_test_module_imports_another_test_module_or_a_conftest():
    offenders = [
        (str(path.relative_to(TESTS.parent)), module)
        for path in sorted(TESTS.rglob("*.py"))
        for module in imported_modules(path)
        if module.startswith(".") or FORBIDDEN.match(module)
    ]
    assert offenders == [], "import shared code from tests.helpers; fixtures come from conftest.py"
