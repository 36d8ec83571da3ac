"""bulletin/framestack.py: a call beneath a frame that gets a chunk of CPython's frame stack of its
own, so that recursion inside it does not map and unmap a chunk at every crossing of a chunk's edge.

The crossings are counted as the minor page faults they cause: each chunk mapped anew is fresh
memory that faults when first written."""
from __future__ import annotations

import resource
import threading

import pytest

from bulletin import framestack

TIMES = 1_000          # leaf calls at each depth


def _leaf() -> None:
    return None


def _down(depth: int) -> None:
    if depth:
        return _down(depth - 1)
    for _ in range(TIMES):
        _leaf()
    return None


def _scan() -> int:
    """Minor page faults while calling a leaf TIMES times at each depth from 0 to 200 frames: the
    200 frames span more than a 16 KB chunk, so at one depth the leaf's frame starts a new chunk."""
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    for depth in range(200):
        _down(depth)
    return resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before


def _in_thread(function) -> int:
    """``function()`` in a new thread: a frame stack of its own, starting from a known depth."""
    result: list[int] = []
    thread = threading.Thread(target=lambda: result.append(function()))
    thread.start()
    thread.join()
    return result[0]


def test_recursion_across_a_chunk_edge_maps_memory_each_time() -> None:
    """What framestack works around, shown on this Python: the scan faults at least once per leaf
    call at the depth where the chunk's edge is (if this fails, CPython no longer frees the chunk
    at once, python/cpython#142183, and framestack.call can go)."""
    assert _in_thread(_scan) >= TIMES


def test_beneath_framestack_call_it_does_not() -> None:
    assert _in_thread(lambda: framestack.call(_scan)) < TIMES // 10


def test_the_reserved_frame_does_not_fit_a_16_kb_chunk() -> None:
    assert framestack._call.__code__.co_stacksize == framestack.SLOTS
    assert (framestack.SLOTS + 1_000) * 8 > 64 * 1024


def test_call_passes_arguments_results_and_errors() -> None:
    assert framestack.call(divmod, 17, 5) == (3, 2)
    assert framestack.call(dict, a=1, function=2) == {"a": 1, "function": 2}
    with pytest.raises(ZeroDivisionError):
        framestack.call(divmod, 1, 0)


def test_a_pdf_worker_lays_out_beneath_it(monkeypatch, tmp_path) -> None:
    """The worker renders every job through framestack.call (its layout is the deep recursion)."""
    import sys

    from bulletin.print import worker
    seen: list[bool] = []

    def fake(job: dict) -> dict:
        frame = sys._getframe()
        codes = set()
        while frame is not None:
            codes.add(frame.f_code)
            frame = frame.f_back
        seen.append(framestack._call.__code__ in codes)
        return {"key": job["key"]}
    monkeypatch.setattr(worker, "_render_pdf", fake)
    assert worker.render_pdf({"key": "k"}) == {"key": "k"}
    assert seen == [True]
