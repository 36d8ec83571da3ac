"""Static site and print generator for work bulletins and policy briefings.

The core (loading, validation, model, generation, PDF) never imports MkDocs;
``mkdocs_plugin`` is the thin adapter that plugs it into a MkDocs build.
"""
