"""`bulletin import`: legacy documents of every kind (bulletin, notice, plan, report) and format
(.txt, .html, .docx, .doc/.wps/.rtf/.odt through LibreOffice, text .pdf; UTF-8, GBK/GB18030,
Big5) into issue files, losing nothing.

The steps, one module each: read → clean → paragraphs → guess → bulletin/notice/plan/news
(structure) → write → report; run.py strings them together. What cannot be placed goes to a
sidecar ``<stem>.unplaced.txt`` and missing required fields to ``todo:``; both block ``check`` and
the build until an editor has dealt with them (sources/loader.py).
"""
from .context import Context, load_context
from .run import Options, Result, import_file, run_import

__all__ = ["Context", "Options", "Result", "import_file", "load_context", "run_import"]
