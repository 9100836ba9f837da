"""The background-task helper: results, progress and errors arrive on the GUI thread; cancel works."""

from __future__ import annotations

import threading

import pytest

from desktop.ui.tasks import Cancelled, TaskRunner


@pytest.fixture
def runner(qtbot):
    r = TaskRunner("test", 2)
    yield r
    r.shutdown()


def test_result_and_progress_are_delivered_on_the_gui_thread(qtbot, runner):
    main = threading.get_ident()
    worker_threads, seen = [], []

    def work(n, *, progress):
        worker_threads.append(threading.get_ident())
        for i in range(n):
            progress(i + 1, n, f"{i + 1}件目")
        return n * 2

    task = runner.submit(work, 3, label="テスト")
    task.progressed.connect(lambda done, total, msg: seen.append((done, total, msg, threading.get_ident())))
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [6]
    assert worker_threads[0] != main
    assert all(t == main for *_x, t in seen)
    assert seen[-1][:3] == (3, 3, "3件目")
    assert runner.is_idle()


def test_errors_come_back_as_the_exception(qtbot, runner):
    def fails(*, progress):
        raise ValueError("読めません")

    task = runner.submit(fails)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        pass
    assert isinstance(blocker.args[0], ValueError) and str(blocker.args[0]) == "読めません"


def test_cancel_is_cooperative_through_the_progress_callback(qtbot, runner):
    started, release = threading.Event(), threading.Event()

    def long(*, progress):
        started.set()
        release.wait(5)
        progress(1, 2)   # raises Cancelled: the task was cancelled meanwhile
        raise AssertionError("not reached")

    task = runner.submit(long)
    assert started.wait(5)
    task.cancel()
    release.set()
    with qtbot.waitSignal(task.cancelled, timeout=5000):
        pass
    assert task.was_cancelled


def test_plain_functions_without_progress_run_too(qtbot, runner):
    task = runner.submit(lambda a, b: a + b, 2, 3)
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        pass
    assert blocker.args == [5]


def test_a_single_thread_runner_runs_in_submission_order(qtbot):
    writer = TaskRunner("writer", 1)
    order = []
    tasks = [writer.submit(lambda i=i, *, progress: order.append(i)) for i in range(20)]
    with qtbot.waitSignal(tasks[-1].finished, timeout=5000):
        pass
    assert order == list(range(20))
    writer.shutdown()
    assert Cancelled


def test_cyclic_gc_runs_only_on_the_gui_thread_while_workers_exist(qtbot):
    import gc

    assert gc.isenabled()
    runner = TaskRunner("gc", 1)
    try:
        assert not gc.isenabled()        # a worker thread must never be the one that frees Qt wrappers
        for _ in range(50_000):
            a = []
            a.append(a)                    # cyclic garbage
        del a
        qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=5000)
    finally:
        runner.shutdown()
    assert gc.isenabled()


def test_a_failure_nobody_waits_on_is_reported_by_the_runner(qtbot, runner):
    def fails(*, progress):
        raise ValueError("保存先がありません")

    handled = runner.submit(fails, label="見ている処理")
    handled.failed.connect(lambda exc: None)
    with qtbot.waitSignal(runner.failedUnhandled, timeout=5000) as blocker:
        runner.submit(fails, label="誰も見ていない処理")
    assert blocker.args[0].label == "誰も見ていない処理"
    assert str(blocker.args[0].error) == "保存先がありません"
    assert not handled.unhandled


def test_the_window_shows_a_failure_no_screen_handled(qtbot, make_app, seeded_db, monkeypatch):
    import desktop.ui.app as app_module

    shown = []
    monkeypatch.setattr(app_module.QMessageBox, "warning", lambda parent, title, text: shown.append((title, text)))
    application = make_app(seeded_db)

    def fails(*, progress):
        raise OSError("ディスクがいっぱいです")

    with qtbot.waitSignal(application.writer.failedUnhandled, timeout=5000):
        application.writer.submit(fails, label="書き出し")
    assert shown and "書き出し" in shown[0][1] and "ディスクがいっぱいです" in shown[0][1]
    with qtbot.waitSignal(application.reader.failedUnhandled, timeout=5000):
        application.reader.submit(fails, label="件数", quiet=True)
    assert len(shown) == 1                                   # a background task: the status bar, not a dialog
    assert "件数" in application.window.statusBar().currentMessage()


def test_progress_reaches_the_window_coalesced_and_always_its_latest_step(qtbot, runner):
    def work(*, progress):
        for i in range(20_000):
            progress(i + 1, 20_000)
        return True

    task = runner.submit(work)
    seen = []
    task.progressed.connect(lambda done, total, msg: seen.append(done))
    with qtbot.waitSignal(task.succeeded, timeout=10_000):
        pass
    assert seen[-1] == 20_000 and len(seen) < 10_000    # not one queued event for the window per step

    gate = threading.Event()

    def stalls(*, progress):
        progress(0, 3)
        progress(1, 3)              # then a long step: the window must show 1, not an earlier report
        gate.wait(5)
        return True

    task = runner.submit(stalls)
    shown = []
    task.progressed.connect(lambda done, total, msg: shown.append(done))
    qtbot.waitUntil(lambda: bool(shown) and shown[-1] == 1, timeout=5000)
    gate.set()
    with qtbot.waitSignal(task.succeeded, timeout=5000):
        pass


def _generations_collected(run):
    import gc

    seen = []

    def record(phase, info):
        if phase == "start":
            seen.append(info["generation"])

    enabled = gc.isenabled()
    gc.disable()                 # as in the window: only the collector's own collections run
    gc.callbacks.append(record)
    old = gc.get_threshold()
    gc.set_threshold(1, 1, 1)
    try:
        run()
    finally:
        gc.set_threshold(*old)
        gc.callbacks.remove(record)
        if enabled:
            gc.enable()
    return seen


def test_the_windows_collector_walks_only_the_young_while_bulk_work_runs():
    from desktop.gcpause import gc_paused
    from desktop.ui.tasks import _GuiThreadCollector

    def run():
        with gc_paused():
            for _ in range(30):
                _ = [[] for _ in range(5)]
                _GuiThreadCollector.collect()

    seen = _generations_collected(run)
    assert seen and set(seen) == {0}


def test_the_oldest_objects_are_walked_only_once_they_grew_by_a_quarter():
    import gc

    from desktop.ui.tasks import _GuiThreadCollector

    gc.collect()
    _GuiThreadCollector.long_lived = len(gc.get_objects(2))
    kept = []

    def little():
        for _ in range(40):
            _ = [[] for _ in range(5)]
            _GuiThreadCollector.collect()

    assert 2 not in _generations_collected(little)     # a little new garbage: no walk over everything

    def much():
        for _ in range(40):
            kept.append([[] for _ in range(max(1, _GuiThreadCollector.long_lived // 20))])
            _GuiThreadCollector.collect()

    assert 2 in _generations_collected(much)           # the old generation grew by more than a quarter
