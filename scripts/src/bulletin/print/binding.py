"""Bind a bound volume (合订本) from its issues' own PDFs instead of laying every issue out again.

The front of the volume (cover, 目录) is laid out by WeasyPrint (print/volume.py), with one more page
at its end that binding takes out: it holds the anchors the 目录 links to, and prints every glyph of a
page number (print/pagenumbers.py). Binding then puts each issue's pages, printed once already, after
the front, each issue from a right-hand page (a blank page before it where needed, as the print CSS
would make one):

- the issue's own page number is drawn again as the volume's, in the same place (WeasyPrint draws
  margin boxes as marked content whose structure elements hang outside the structure tree: that is
  how they are found), marked as a pagination artifact; a page that printed none gets none;
- the issue's structure tree becomes a section (Sect) of the volume's, its links and named
  destinations get the issue's prefix (i<slug>-), and the bookmarks are the issue, then its own.

Laying out costs ~0.2 s of CPU per issue and writing ~0.13 s (issue 13's profile); binding an issue
costs a few milliseconds per page.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from . import marked
from .pagenumbers import number_font, renumber


@dataclass
class IssuePages:
    """What is read once from a printed issue (``issue_pages``): for each page, the marked-content
    ids of its page number (none on a page without one), and on which page each named destination
    (article-1, …) lies. The 目录's page numbers are worked out from it; binding renumbers by it.
    Read in the process that binds, it keeps the PDF open and its parent tree read, for binding
    (each was read twice, 0.2 s of a 50-issue volume): ``close()`` when done."""
    marks: list[set[int]]
    anchors: dict[str, int]
    pdf: pikepdf.Pdf | None = field(default=None, repr=False, compare=False)
    tree: dict | None = field(default=None, repr=False, compare=False)

    def close(self) -> None:
        if self.pdf is not None:
            self.pdf.close()
            self.pdf = self.tree = None

    @property
    def numbered(self) -> list[bool]:
        return [bool(marks) for marks in self.marks]


@dataclass
class BoundIssue:
    pdf: Path          # the issue as printed alone
    prefix: str        # its anchors' prefix in the volume, such as i002-
    label: str         # its bookmark: 第2期（总第25期）
    pages: IssuePages  # read from ``pdf`` when the front was made


def _elements(root) -> set[tuple[int, int]]:
    """Every structure element reachable from ``root`` through /K."""
    seen, todo = set(), [root]
    while todo:
        node = todo.pop()
        if isinstance(node, Array):
            todo.extend(node)
        elif isinstance(node, Dictionary) and node.get("/Type") in (None, Name.StructElem) and "/S" in node:
            if node.objgen in seen and node.objgen != (0, 0):
                continue
            seen.add(node.objgen)
            kids = node.get("/K")
            if kids is not None:
                todo.append(kids)
    return seen


def _parent_tree(pdf: pikepdf.Pdf) -> dict[int, object]:
    return dict(pikepdf.NumberTree(pdf.Root.StructTreeRoot.ParentTree).items())


def _dests(pdf: pikepdf.Pdf) -> dict[str, Array]:
    names = pdf.Root.get("/Names")
    if names is None or "/Dests" not in names:
        return {}
    return {str(name): dest for name, dest in pikepdf.NameTree(names.Dests).items()}


def _margin_marks(pdf: pikepdf.Pdf, tree: dict | None = None) -> list[set[int]]:
    """For each page, the marked-content ids of its margin boxes (its page number)."""
    tree = _parent_tree(pdf) if tree is None else tree
    inside = _elements(pdf.Root.StructTreeRoot.K)
    marks = []
    for page in pdf.pages:
        key = page.obj.get("/StructParents")
        elements = tree.get(int(key), Array()) if key is not None else Array()
        marks.append({mcid for mcid, element in enumerate(elements)
                      if isinstance(element, Dictionary) and element.objgen not in inside})
    return marks


def issue_pages(path: Path, keep_open: bool = False) -> IssuePages:
    pdf = pikepdf.open(path)
    try:
        index = {page.objgen: n for n, page in enumerate(pdf.pages)}
        anchors = {name: index[dest[0].objgen] for name, dest in _dests(pdf).items()
                   if isinstance(dest, Array) and len(dest) and dest[0].objgen in index}
        tree = _parent_tree(pdf)
        pages = IssuePages(_margin_marks(pdf, tree), anchors)
    except BaseException:
        pdf.close()
        raise
    if keep_open:
        pages.pdf, pages.tree = pdf, tree
    else:
        pdf.close()
    return pages


def _retag_fonts(pdf: pikepdf.Pdf, salt: str) -> None:
    """Give the fonts of one issue subset tags of their own (ABCDEF+Name). WeasyPrint derives a tag
    from the font, not from the glyphs kept, so every issue's cut of a font has the same name; in
    one volume those are different fonts, and a reader may take two fonts of one name for one."""
    from .fontmerge import page_fonts
    seen: set[tuple[int, int]] = set()
    for font in page_fonts(pdf):
        descendants = list(font.get("/DescendantFonts", ()))
        for obj in [font, *descendants, *(part.get("/FontDescriptor") for part in [font, *descendants])]:
            if not isinstance(obj, Dictionary) or obj.objgen in seen:
                continue
            if obj.objgen != (0, 0):
                seen.add(obj.objgen)
            for key in ("/BaseFont", "/FontName"):
                name = obj.get(key)
                if isinstance(name, Name) and re.match(r"/[A-Z]{6}\+", str(name)):
                    digest = hashlib.sha256(f"{salt}{str(name)[1:7]}".encode()).digest()
                    tag = "".join(chr(65 + b % 26) for b in digest[:6])
                    obj[key] = Name("/" + tag + str(name)[7:])


def bind(front: bytes, issues: list[BoundIssue], font_folders: list[Path] = ()) -> tuple[bytes, int]:
    """The volume and its page count: the ``front`` PDF without its last page (the 目录's anchors and
    the page-number glyphs), then every issue's pages; the subsets of each cut font in
    ``font_folders`` merged into one (print/fontmerge.py)."""
    from .fontmerge import mark_cuts, merge_fonts
    with pikepdf.open(io.BytesIO(front)) as volume:
        mark_cuts(volume)
        dests = _dests(volume)
        last = len(volume.pages) - 1          # the page binding takes out
        anchor = dests.get(issues[0].prefix.rstrip("-")) if issues else None
        if not (isinstance(anchor, Array) and len(anchor) and anchor[0].objgen == volume.pages[last].objgen):
            raise ValueError("the 目录's anchors are not on the volume front's last page; expected "
                             "<!--bl-volume-anchors--> at the end of overrides/print/volume.html, as the "
                             "shipped template has it")
        tree = _parent_tree(volume)
        front_marks = _margin_marks(volume)
        numbers = number_font(volume.pages[last], front_marks[last])
        entries: dict[int, object] = {}       # final page index -> its marked-content array
        annotation_entries: list[tuple[Dictionary, object]] = []
        for n, page in enumerate(volume.pages[:last]):
            if "/StructParents" in page.obj:
                marks = front_marks[n]
                if marks:       # the front's own page numbers
                    page.obj.Contents = volume.make_stream(marked.as_pagination(volume, page, marks.__contains__))
                entries[n] = Array([None if mcid in marks else element
                                    for mcid, element in enumerate(tree.get(int(page.obj.StructParents)))])
                for annotation in page.obj.get("/Annots", ()):
                    if "/StructParent" in annotation:
                        annotation_entries.append((annotation, tree.get(int(annotation.StructParent))))
        # the front's own structure: what lies on the page taken out is empty boxes
        document = volume.Root.StructTreeRoot.K[0]
        taken = volume.pages[last].objgen
        document.K = Array([kid for kid in document.K
                            if not (isinstance(kid, Dictionary) and kid.get("/Pg") is not None and kid.Pg.objgen == taken)])
        new_dests = {name: dest for name, dest in dests.items()
                     if not (isinstance(dest, Array) and len(dest) and dest[0].objgen == taken)}
        blank = {key: value for key, value in volume.pages[0].obj.items()
                 if key not in ("/Contents", "/Annots", "/StructParents", "/Resources", "/Parent")}
        del volume.pages[last]
        outline = []
        for issue in issues:
            if len(volume.pages) % 2:          # each issue from a right-hand (odd) page
                page = Dictionary(blank)
                page.Resources, page.Contents = Dictionary(), volume.make_stream(b"")
                volume.pages.append(pikepdf.Page(volume.make_indirect(page)))
            first_at = len(volume.pages)
            opened = issue.pages.pdf is None
            with (pikepdf.open(issue.pdf) if opened else contextlib.nullcontext(issue.pages.pdf)) as source:
                marks = issue.pages.marks
                source_tree = _parent_tree(source) if opened else issue.pages.tree
                root = source.Root.StructTreeRoot.K[0]
                del root["/P"]        # copying an element copies its parents: stop at the issue's root
                _retag_fonts(source, issue.prefix)
                mark_cuts(source)
                placed: dict[tuple[int, int], Dictionary] = {}
                for n, page in enumerate(source.pages):     # pages first: elements then find them copied
                    for annotation in page.obj.get("/Annots", ()):
                        if isinstance(annotation.get("/Dest"), String):
                            annotation.Dest = String(issue.prefix + str(annotation.Dest))
                    volume.pages.append(page)
                    bound = volume.pages[-1]
                    if marks[n]:
                        bound.obj.Contents = volume.make_stream(
                            renumber(bound, marks[n], len(volume.pages), n % 2 == 0, numbers))
                    placed[page.objgen] = bound.obj
                for n, page in enumerate(source.pages):
                    at = first_at + n
                    key = page.obj.get("/StructParents")
                    if key is not None:
                        elements = source_tree.get(int(key), Array())
                        entries[at] = Array([None if mcid in marks[n] else volume.copy_foreign(element)
                                             for mcid, element in enumerate(elements)])
                    for annotation, original in zip(volume.pages[at].obj.get("/Annots", ()), page.obj.get("/Annots", ())):
                        if "/StructParent" in original:
                            element = source_tree.get(int(original.StructParent))
                            annotation_entries.append((annotation, volume.copy_foreign(element)))
                section = volume.copy_foreign(root)
                section.S, section.P = Name.Sect, document
                document.K.append(section)
                start = placed[source.pages[0].objgen]
                first = dests.get(issue.prefix.rstrip("-"))
                top = first[2:] if first is not None else [None, None, None]
                new_dests[issue.prefix.rstrip("-")] = Array([start, Name.XYZ, *top])
                for name, dest in _dests(source).items():
                    if isinstance(dest, Array) and len(dest) and dest[0].objgen in placed:
                        new_dests[issue.prefix + name] = Array([placed[dest[0].objgen], *list(dest)[1:]])
                children = []
                with source.open_outline() as source_outline:
                    for item in source_outline.root:
                        dest = item.destination
                        if isinstance(dest, Array) and dest[0].objgen in placed:
                            children.append((item.title, Array([placed[dest[0].objgen], *list(dest)[1:]])))
                outline.append((issue.label, new_dests[issue.prefix.rstrip("-")], children))
        merge_fonts(volume, list(font_folders))
        _write_structure(volume, entries, annotation_entries)
        _write_dests(volume, new_dests)
        with volume.open_outline() as volume_outline:
            volume_outline.root.clear()
            for label, dest, children in outline:
                item = pikepdf.OutlineItem(label, dest)
                item.children.extend(pikepdf.OutlineItem(title, d) for title, d in children)
                volume_outline.root.append(item)
        out = io.BytesIO()
        # object streams: the copied structure elements and annotations are many small objects
        volume.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue(), len(volume.pages)


def _write_structure(volume: pikepdf.Pdf, entries: dict[int, object], annotations: list) -> None:
    """The parent tree anew: one key per page in order, then one per link annotation."""
    nums: list = []        # a list, made an Array once: extending a pikepdf Array copies it (quadratic)
    for key, page in enumerate(volume.pages):
        page.obj.StructParents = key
        elements = list(entries.get(key) or ())
        while elements and elements[-1] is None:     # the page numbers, drawn last: no entries, not
            elements.pop()                           # nulls (pdfplumber's reader fails on a null)
        nums += [key, Array(elements)]
    key = len(volume.pages)
    for annotation, element in annotations:
        annotation.StructParent = key
        nums += [key, element]
        key += 1
    root = volume.Root.StructTreeRoot
    root.ParentTree = volume.make_indirect(Dictionary(Nums=Array(nums)))
    root.ParentTreeNextKey = key


def _write_dests(volume: pikepdf.Pdf, dests: dict[str, Array]) -> None:
    names: list = []
    for name in sorted(dests):
        names += [String(name), dests[name]]
    volume.Root.Names.Dests = volume.make_indirect(Dictionary(Names=Array(names)))
