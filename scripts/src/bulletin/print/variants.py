"""The PDF variants of a build (``pdf_variant:`` of the bulletin plugin): WeasyPrint's own, such as
pdf/a-2b for the archives. Checked when the configuration is read, so a wrong name stops the build
before anything is rendered; WeasyPrint is imported only when a variant is asked for."""
from __future__ import annotations


def check_variant(value) -> str | None:
    """``value`` as WeasyPrint names it (lower case), or None for a plain (tagged) PDF; a ValueError
    says what is wrong and which names there are."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    from weasyprint.pdf import VARIANTS
    names = [name for name in VARIANTS if name != "debug"]
    if not isinstance(value, str) or value.strip().lower() not in names:
        raise ValueError(f"unknown PDF variant {value!r} under pdf_variant: of the bulletin plugin; expected "
                         f"one of: {', '.join(names)} (pdf/a-2b for the archives), or none for a plain PDF")
    return value.strip().lower()
