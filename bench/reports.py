"""Benchmark: the PDF reports on ten years of a big city, and the memory of the worker that
makes them.

    .venv/bin/python bench/reports.py              # the whole city (bench/city.py)
    .venv/bin/python bench/reports.py --scale 0.1  # a tenth of it, for a quick look

Nothing needs to be set up: without DATABASE_URL / REDIS_URL the embedded servers are
started. The city goes into a throwaway database, created, migrated, loaded and dropped.

1. In this process, the time to make each report (median of --times), its pages and size:
   the group run report of the largest group, and each annual report (survey, councils,
   experts, impact) for the whole organisation of last year, in Finnish and in Swedish,
   and the survey's and the impact report for a supervisor of eight units (the survey
   unit by unit: the longest reports). Targets: a run report under 1.5 s, a 20-page annual
   report under 5 s.
2. A real worker (`celery -A socialwork worker`, prefork, one pool process, run as in
   production) makes --jobs reports one after another, as users ask for them; the pool
   process's resident memory is read every 0.1 s. Target: under 400 MB. The worker
   replaces its pool process after CELERY_WORKER_MAX_TASKS_PER_CHILD tasks or above
   CELERY_WORKER_MAX_MEMORY_PER_CHILD, whichever comes first.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
sys.path.insert(0, str(BASE_DIR / "bench"))


def say(label: str, text: str) -> None:
    print(f"{label:<34} {text}", flush=True)


def pages(pdf: bytes) -> int:
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True)
    line = next(line for line in info.stdout.decode().splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def timed(make, times: int) -> tuple[float, bytes]:
    durations, pdf = [], b""
    for _ in range(times):
        started = time.perf_counter()
        pdf = make()
        durations.append(time.perf_counter() - started)
    return statistics.median(durations), pdf


def rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as status:
            line = next(line for line in status if line.startswith("VmRSS:"))
    except (FileNotFoundError, StopIteration, ProcessLookupError):
        return 0
    return int(line.split()[1])


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    # pid (comm) state ppid ...: the name may hold spaces, split after it.
                    ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
            except (FileNotFoundError, ProcessLookupError, IndexError, ValueError):
                continue
            if ppid == pid:
                found.append(int(entry))
    return found


def prepare(scale: float) -> None:
    import city
    from django.utils import timezone

    from feedback import services as feedback_services
    from feedback.models import Instrument
    from reporting.services import dashboards_prepare

    started = time.perf_counter()
    city.load(scale, say=lambda text: print(text, flush=True))
    say("load", f"{time.perf_counter() - started:.1f} s")
    year = timezone.localdate().year
    started = time.perf_counter()
    dashboards_prepare(years=[year, year - 1])
    say("dashboards prepared", f"{time.perf_counter() - started:.1f} s")
    for code in ("card", "survey"):
        instrument = Instrument.objects.get(code=code)
        for snapshot_year in (year - 3, year - 2, year - 1):
            feedback_services.results_snapshot_make(instrument=instrument, year=snapshot_year)
    say("figures", "the groups' and feedback's kept and hidden figures made (as the beat does)")


def in_process(times: int) -> tuple[object, object, int]:
    from django.db.models import Count
    from django.utils import timezone

    from groups.models import GroupRun
    from reporting.documents import annual_pdf, run_pdf
    from reporting.selectors import ANNUAL_REPORTS
    from socialwork.people.models import Role, RoleAssignment

    year = timezone.localdate().year - 1
    manager = RoleAssignment.objects.filter(role=Role.MANAGEMENT).first().user
    run = (
        GroupRun.objects.annotate(n=Count("sessions")).order_by("-n", "pk").select_related("unit")
    ).first()
    supervisor = RoleAssignment.objects.filter(role=Role.SUPERVISOR, unit=run.unit).first().user
    print()
    print(f"{'report':<34} {'median':>8} {'pages':>6} {'size':>8}")

    def row(label, make):
        median, pdf = timed(make, times)
        print(f"{label:<34} {median:7.2f}s {pages(pdf):>6} {len(pdf) / 1024:6.0f}kB", flush=True)

    row(
        f"group run ({run.sessions.count()} sessions)",
        lambda: run_pdf(user=supervisor, run_id=run.pk, language="fi"),
    )
    for report in ANNUAL_REPORTS:
        for language in ("fi", "sv"):
            row(
                f"annual: {report} {year} ({language})",
                lambda report=report, language=language: annual_pdf(
                    user=manager, report=report, year=year, unit_id=None, language=language
                ),
            )
    # A supervisor of eight units (a region's lead social worker) reads the survey's year
    # unit by unit: the longest reports.
    from socialwork.people.models import Unit
    from socialwork.people.services import role_assign

    for unit in Unit.objects.exclude(pk=run.unit_id).order_by("pk")[:7]:
        role_assign(actor=None, user=supervisor, role=Role.SUPERVISOR, unit=unit)
    for report in ("survey", "impact"):
        row(
            f"annual: {report} {year}, 8 units (fi)",
            lambda report=report: annual_pdf(
                user=supervisor, report=report, year=year, unit_id=None, language="fi"
            ),
        )
    return manager, (run, supervisor), year


def in_worker(manager, run_and_supervisor, year: int, jobs: int) -> None:
    """`jobs` reports made by a real worker, one after another; its pool's peak memory."""
    from django.conf import settings

    from reporting import services
    from reporting.selectors import ANNUAL_REPORTS
    from socialwork.celery import app
    from socialwork.documents.models import Document
    from tests.messaging.worker import Worker, production_env

    if app.control.ping(timeout=1):
        say("worker", "other workers take tasks from this Redis database: use another")
        return
    run, supervisor = run_and_supervisor
    logs = Path(tempfile.mkdtemp(prefix="socialwork-bench-"))
    env = production_env(
        redis_url=os.environ["REDIS_URL"], gateway_url="http://127.0.0.1:9", token="-"
    )
    worker = Worker(env, logs / "worker.log", f"reports-{os.getpid()}", concurrency=1).start()
    peak = {"kib": 0, "pools": set()}
    stop = threading.Event()

    def watch():
        while not stop.is_set():
            for pid in children(worker.process.pid):
                peak["pools"].add(pid)
                peak["kib"] = max(peak["kib"], rss_kib(pid))
            time.sleep(0.1)

    watcher = threading.Thread(target=watch, daemon=True)
    try:
        deadline = time.monotonic() + 60
        while not app.control.ping(timeout=0.5):
            if not worker.alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the worker did not start:\n{worker.output()}")
        watcher.start()
        idle = max(rss_kib(pid) for pid in children(worker.process.pid))
        started = time.perf_counter()
        reports = list(ANNUAL_REPORTS)
        documents = []
        for number in range(jobs):
            if number % 3 == 0:
                document = services.run_report_request(actor=supervisor, run=run, language="fi")
            else:
                report = reports[number % len(reports)]
                language = "sv" if number % 2 else "fi"
                document = services.annual_report_request(
                    actor=manager, report=report, year=year, unit_id=None, language=language
                )
            documents.append(document.pk)
            # One after another, as users ask: the next when this one is done.
            while Document.objects.filter(
                pk=document.pk, status__in=(Document.Status.WAITING, Document.Status.RENDERING)
            ).exists():
                if not worker.alive():
                    raise RuntimeError(worker.output())
                time.sleep(0.1)
            Document.objects.filter(pk=document.pk).update(requested_at="2000-01-01T00:00Z")
        elapsed = time.perf_counter() - started
        made = Document.objects.filter(pk__in=documents, status=Document.Status.READY)
        say("worker", f"{made.count()} of {jobs} reports ready in {elapsed:.1f} s")
        for document in made.order_by("pk"):
            took = (document.finished_at - document.started_at).total_seconds()
            say(f"  {document.kind} {document.object_id}", f"{took:.1f} s in the worker")
        say(
            "worker pool process memory",
            f"{idle / 1024:.0f} MB idle, peak {peak['kib'] / 1024:.0f} MB "
            f"({len(peak['pools'])} pool process(es) seen; max tasks per child "
            f"{settings.CELERY_WORKER_MAX_TASKS_PER_CHILD}, max memory per child "
            f"{settings.CELERY_WORKER_MAX_MEMORY_PER_CHILD / 1024:.0f} MB)",
        )
    finally:
        stop.set()
        worker.stop()
        shutil.rmtree(logs, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="of the city (1.0)")
    parser.add_argument("--times", type=int, default=3, help="makes of each report (3)")
    parser.add_argument("--jobs", type=int, default=12, help="reports made by the worker (12)")
    args = parser.parse_args()
    from throwaway import throwaway_database

    with throwaway_database(say, CELERY_TASK_ALWAYS_EAGER="0"):
        prepare(args.scale)
        manager, run, year = in_process(args.times)
        print()
        in_worker(manager, run, year, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
