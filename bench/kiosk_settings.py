"""The product's settings with the benchmark's extra URL (bench/feedback_kiosk.py)."""

from socialwork.settings import *  # noqa: F403 - the same stack, one more URL

ROOT_URLCONF = "bench.kiosk_urls"
# One tablet stands in for a whole city's lobbies here: the per-tablet limit would measure
# the throttle, not the endpoint (the throttle's one cache round trip is still paid).
SOCIALWORK_KIOSK_ANSWERS_PER_10_MINUTES = 10**9
