"""On/off switches given as make variables or in the environment (DRY_RUN=1,
ALLOW_SAMPLE=yes). make exports an unset variable as an empty string: that is off."""

import os

ON = ("1", "true", "yes", "on")


def env_flag(name):
    """True when the environment variable `name` says yes (1, true, yes or on, any case)."""
    return os.environ.get(name, "").strip().lower() in ON
