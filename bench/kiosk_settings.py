"""The product's settings with the benchmark's extra URL (bench/feedback_kiosk.py)."""

from socialwork.settings import *  # noqa: F403 - the same stack, one more URL

ROOT_URLCONF = "bench.kiosk_urls"
