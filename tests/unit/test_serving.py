"""gunicorn's settings for the game, read as gunicorn reads them."""

import gc
import importlib.util
from pathlib import Path

SERVING = Path(__file__).resolve().parents[2] / "app" / "serving.py"


def _read_as_gunicorn_does():
    spec = importlib.util.spec_from_file_location("__config__", SERVING)
    settings = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(settings)
    return settings


def test_a_worker_sets_its_built_app_aside_from_the_garbage_collector():
    settings = _read_as_gunicorn_does()
    gc.unfreeze()
    try:
        settings.post_worker_init(worker=None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # the test process goes on collecting as before


def test_the_settings_name_only_what_gunicorn_knows():
    from gunicorn.config import KNOWN_SETTINGS

    known = {setting.name for setting in KNOWN_SETTINGS}
    settings = _read_as_gunicorn_does()
    named = {name for name in vars(settings) if not name.startswith("_") and name != "gc"}
    assert named and named <= known
