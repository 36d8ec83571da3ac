"""The PDFs' streams are deflated at zlib's level 6, not pydyf's level 9 (print/deflate.py)."""
from __future__ import annotations

import zlib

import pikepdf

from bulletin.print import deflate


def _flate_streams(path):
    with pikepdf.open(path) as pdf:
        return [(obj.read_raw_bytes(), obj.read_bytes()) for obj in pdf.objects
                if isinstance(obj, pikepdf.Stream) and obj.get("/Filter") == pikepdf.Name.FlateDecode]


def test_a_built_issue_is_deflated_at_level_6(sample_build):
    streams = _flate_streams(sample_build / "site" / "szzw" / "2026" / "004.pdf")
    assert len(streams) > 10
    # every stream is exactly what level 6 makes of its content ...
    assert all(raw == zlib.compress(data, deflate.LEVEL) for raw, data in streams)
    # ... and level 9 would have made some of them differently (the fonts, the page contents)
    assert sum(zlib.compress(data, 9) != raw for raw, data in streams) >= 3
    assert sum(len(raw) for raw, _ in streams) < 1.02 * sum(len(zlib.compress(data, 9)) for _, data in streams)


def test_install_is_idempotent_and_keeps_the_rest_of_zlib():
    import pydyf
    assert deflate.install() and deflate.install()
    assert isinstance(pydyf.zlib, deflate._Zlib)
    made = pydyf.zlib.compressobj(level=9)
    data = "青禾市政务服务".encode() * 200
    assert made.compress(data) + made.flush() == zlib.compress(data, deflate.LEVEL)
    assert pydyf.zlib.decompress(zlib.compress(data)) == data
