"""The environment a reader's process would have: none of Cosmo's settings unless given."""

from __future__ import annotations

import os
from pathlib import Path

from engine.settings import Settings

ROOT = Path(__file__).resolve().parents[1]


def environment_without_settings(**settings: str) -> dict[str, str]:
    """This process's environment minus every Cosmo setting, plus `settings` and this
    checkout on PYTHONPATH (so a subprocess imports this worktree's code)."""
    ours = {name.upper() for name in Settings.model_fields}
    env = {key: value for key, value in os.environ.items() if key.upper() not in ours}
    env.update({key.upper(): value for key, value in settings.items()}, PYTHONPATH=str(ROOT))
    return env
