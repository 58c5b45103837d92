"""Arrows between apps point down one documented order (docs/architecture.md), with no
cycles: a module may import its own app and the apps below it, never one above or beside it.
Every import counts, those inside functions too (a lazy import is still an arrow)."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)

# Lowest first. Apps on one level stand beside each other and import neither the other.
LEVELS = [
    {"monitoring"},
    {"evaluation_rounds"},
    {"questionnaires"},
    {"reports"},
    {"recommendations"},
    {"indicators"},
    {"accounts", "api", "cms", "portal"},
    {"demo"},
    {"config"},
]
LEVEL = {app: index for index, apps in enumerate(LEVELS) for app in apps}


def import_arrows():
    """(importing module, its app, the imported app) for every import between two apps."""
    for app in LEVEL:
        folder = ROOT / app
        if not folder.is_dir():
            continue
        for path in folder.rglob("*.py"):
            if "migrations" in path.parts:
                continue  # a migration names the models of its dependencies, as data
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    targets = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    targets = [node.module]
                else:
                    continue
                for target in targets:
                    imported = target.split(".")[0]
                    if imported in LEVEL and imported != app:
                        yield path.relative_to(ROOT).as_posix(), app, imported


def test_every_app_of_the_project_has_a_level():
    local_apps = {
        app for app in settings.INSTALLED_APPS if "." not in app and (ROOT / app).is_dir()
    }
    assert local_apps <= set(LEVEL), local_apps - set(LEVEL)


def test_every_import_between_apps_points_down():
    upward = sorted(
        f"{module} ({app}) imports {imported}"
        for module, app, imported in import_arrows()
        if LEVEL[imported] >= LEVEL[app]
    )
    assert upward == []


def test_the_check_sees_the_arrows_it_allows():
    arrows = {(app, imported) for _module, app, imported in import_arrows()}
    assert ("recommendations", "reports") in arrows
    assert ("config", "cms") in arrows
