"""collectstatic's minifying storage (conflictmap/staticstorage.py): smaller files that still work."""

import shutil
import subprocess

import pytest

from conflictmap.staticstorage import minify

MODULE = """// A comment a reader needs, not a browser.
import {twice} from './twice.js';

/* The label of a count, in words. */
export function label(count) {
  const doubled = twice(count);
  return `${doubled} events`;
}

export async function later() {
  return (await import('./twice.js')).twice(2);
}
"""
HELPER = "export const twice = (n) => n * 2; // also a comment\n"
STYLE = """/* the map's font */
.map   {  font-family: "Noto Sans Armenian", sans-serif;  }
@font-face { src: url("../vendor/font.woff2") format("woff2"); }
"""


def test_it_minifies_modules_and_styles_keeping_their_imports_and_urls(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "css").mkdir()
    (tmp_path / "js" / "main.js").write_text(MODULE)
    (tmp_path / "js" / "twice.js").write_text(HELPER)
    (tmp_path / "css" / "map.css").write_text(STYLE)
    minify(tmp_path, ["css/map.css", "js/main.js", "js/twice.js"])
    main = (tmp_path / "js" / "main.js").read_text()
    assert len(main) < len(MODULE) * 0.7 and "comment" not in main and "//" not in main
    assert './twice.js' in main.replace('"', "'")  # the relative import and the dynamic import, unchanged
    style = (tmp_path / "css" / "map.css").read_text()
    assert "/*" not in style and "../vendor/font.woff2" in style
    if shutil.which("node"):
        out = subprocess.run(
            ["node", "--input-type=module", "-e",
             f"const m = await import('{(tmp_path / 'js' / 'main.js').as_uri()}');"
             "console.log(m.label(21), await m.later());"],
            capture_output=True, text=True, timeout=60, check=True,
        )
        assert out.stdout.split() == ["42", "events", "4"]


def test_it_fails_loudly_on_a_file_it_cannot_parse(tmp_path):
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "broken.js").write_text("export function (\n")
    with pytest.raises(RuntimeError, match="esbuild could not minify"):
        minify(tmp_path, ["js/broken.js"])
    assert (tmp_path / "js" / "broken.js").read_text() == "export function (\n"  # left as it was
