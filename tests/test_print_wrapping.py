"""print/wrapping.py: one replacement per attribute and process, the original kept, and nothing
changed when the thing to wrap is missing or not what the replacement was written for."""
from __future__ import annotations

import types

from bulletin.print.wrapping import wrap


def test_wraps_once_and_keeps_the_original():
    owner = types.SimpleNamespace(double=lambda x: 2 * x)
    own = owner.double
    wrapped: dict = {}
    assert wrap(wrapped, lambda: owner, "double", lambda original: lambda x: original(x) + 1, "unused")
    assert owner.double(3) == 7 and wrapped == {"double": own}
    assert wrap(wrapped, lambda: owner, "double", lambda original: lambda x: 0, "unused")   # already done
    assert owner.double(3) == 7


def test_missing_or_unexpected_leaves_everything_as_it_was(caplog):
    caplog.set_level("DEBUG", logger="bulletin.print")

    def not_installed():
        import bulletin_no_such_module  # noqa: F401

    owner = types.SimpleNamespace(page=1)
    wrapped: dict = {}
    assert not wrap(wrapped, not_installed, "page", lambda original: 2, "no module: as before")
    assert not wrap(wrapped, lambda: owner, "pages", lambda original: 2, "no attribute: as before")
    assert not wrap(wrapped, lambda: owner, "page", lambda original: original.fget, "not a property: as before")
    assert owner.page == 1 and wrapped == {}
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        "no module: as before", "no attribute: as before", "not a property: as before"]
