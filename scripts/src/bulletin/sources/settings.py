"""The bulletin plugin's settings in mkdocs.yml for the commands that run without MkDocs (`bulletin
volume`, `bulletin check`); a build reads mkdocs.yml through MkDocs (mkdocs/build.py)."""
from __future__ import annotations

from pathlib import Path

from ..errors import Problem, SourceError


def plugin_settings(root: Path) -> dict:
    """The bulletin plugin's settings in mkdocs.yml, read as plain YAML so the commands work without
    MkDocs; tags such as !!python/object/apply are ignored."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    path = root / "mkdocs.yml"
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SourceError([Problem("mkdocs.yml", mark.line + 1 if mark else None,
                                   f"cannot read the configuration: {getattr(exc, 'problem', exc)}")]) from None
    settings: dict = {}
    for plugin in (config.get("plugins") or []) if isinstance(config, dict) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("bulletin"), dict):
            settings = plugin["bulletin"]
    return settings
