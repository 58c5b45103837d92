"""The project package and the demo sit above every app: `config/` imports the apps, `demo/`
seeds through their services, and no app module imports either of them."""

from pathlib import Path

from django.conf import settings

from tests.test_import_order import import_arrows

ROOT = Path(settings.BASE_DIR)
ABOVE_THE_APPS = {"config", "demo"}


def _app_modules():
    for app in settings.INSTALLED_APPS:
        folder = ROOT / app
        if "." in app or app in ABOVE_THE_APPS or not folder.is_dir():
            continue
        yield from folder.rglob("*.py")


def test_the_apps_are_found():
    modules = {path.relative_to(ROOT).as_posix() for path in _app_modules()}
    assert "monitoring/access.py" in modules
    assert "reports/services.py" in modules


def test_no_app_module_imports_the_project_or_the_demo():
    offenders = sorted(
        f"{module} imports {imported}"
        for module, app, imported in import_arrows()
        if imported in ABOVE_THE_APPS and app not in ABOVE_THE_APPS
    )
    assert not offenders, "\n".join(offenders)


def test_the_demo_is_an_app_with_its_command():
    assert "demo" in settings.INSTALLED_APPS
    assert (ROOT / "demo" / "management" / "commands" / "seed_demo.py").is_file()
    for app in settings.INSTALLED_APPS:
        if "." not in app and app not in ABOVE_THE_APPS:
            assert not (ROOT / app / "demo.py").exists(), f"{app}/demo.py belongs in demo/seed/"
