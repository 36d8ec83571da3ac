"""What the PDF workers' fork server imports before it forks them (its preload, pipeline.run_jobs).

A spawned worker starts a new interpreter and imports WeasyPrint itself: about half a second of CPU
a worker, most of it cffi parsing the C declarations of Pango and fontconfig (weasyprint.text.ffi).
The fork server imports it once, and every worker of the build is forked from it with WeasyPrint
loaded. The server has only one thread and has made no font configuration (each worker makes its
own in init_worker), so forking it is safe where forking the build may not be: the build may run
threads (the preview's server); print/forked.py forks it only when it runs none.

Importing this module is what the server runs first: like a worker, it asks Linux to stop it with
the build, so that killing the build stops the server and, through their own request, its workers.
A build killed before that request still stops the workers (worker.leave_with_build), and the
server leaves when the build and its workers have.

The imports run with the garbage collector paused and are frozen after it (bulletin/garbage.py):
every object they make lives as long as the server, and its workers then never walk them.
"""
from ..garbage import paused
from .worker import die_with_parent

die_with_parent()

with paused():      # what it imports stays for every worker: not collected, then frozen (garbage.py)
    import weasyprint  # noqa: F401  (the point of this module)
    import weasyprint.text.fonts  # noqa: F401
