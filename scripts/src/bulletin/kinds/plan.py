"""实施方案: an official document like a notice, whose tasks carry （牵头单位：…；责任单位：…） notes
that the web page gathers into a task table."""
from __future__ import annotations

from dataclasses import replace

from .notice import KIND as NOTICE
from .official import analyse_document, find_tasks


def analyse(issue, doc, book, errors) -> None:
    document = analyse_document(issue, doc, errors, numbered=True, attachments=True)
    document.tasks = find_tasks(document.main)


KIND = replace(NOTICE, name="plan", label="方案", analyse=analyse)
