"""What every benchmark starts with: the servers (DATABASE_URL and REDIS_URL as given, or
the embedded ones), Django set up as a development process, and a throwaway database that
is created and migrated here and dropped at the end, whatever happens in between."""

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def start_servers() -> list:
    """DATABASE_URL and REDIS_URL as given, or the embedded servers; returns their stops."""
    from socialwork import embedded

    stops = []
    if not os.environ.get("DATABASE_URL"):
        url, started = embedded.start_postgres()
        os.environ["DATABASE_URL"] = url
        if started:
            stops.append(embedded.stop_postgres)
    if not os.environ.get("REDIS_URL"):
        url, started = embedded.start_redis()
        os.environ["REDIS_URL"] = url
        if started:
            stops.append(embedded.stop_redis)
    return stops


@contextmanager
def throwaway_database(say: Callable[[str, str], None], **environ: str) -> Iterator[None]:
    """`environ`: settings for this run (os.environ), set before Django reads them."""
    stops = start_servers()
    os.environ.setdefault("DEBUG", "1")
    os.environ["SOCIALWORK_TESTING"] = "0"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "socialwork.settings"
    os.environ.update(environ)
    try:
        import django

        django.setup()
        from django.db import connection

        connection.settings_dict["TEST"]["NAME"] = f"socialwork_bench_{os.getpid()}"
        started = time.perf_counter()
        server_name = connection.creation.create_test_db(
            verbosity=0, autoclobber=True, serialize=False
        )
        where = connection.settings_dict["HOST"] or "localhost"
        say(
            "database",
            f"{connection.settings_dict['NAME']} on {where}, created and migrated in "
            f"{time.perf_counter() - started:.1f} s",
        )
        try:
            yield
        finally:
            connection.close()
            connection.creation.destroy_test_db(server_name, verbosity=0)
            say("cleanup", "throwaway database dropped")
    finally:
        for stop in reversed(stops):
            stop()
