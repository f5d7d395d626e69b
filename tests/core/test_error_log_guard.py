"""The suite's guard against errors in the log (tests/conftest.py) sees what it is for."""

import logging

import pytest

from tests.utils import logged_errors


@pytest.mark.logs_errors
def test_the_guard_sees_an_error_and_lets_a_warning_pass(caplog):
    logging.getLogger("socialwork").warning("a warning is not a fault")
    logging.getLogger("socialwork").error("a task failed quietly")
    logging.getLogger("django.request").critical("a server error")
    found = [record.getMessage() for record in logged_errors(caplog.get_records("call"))]
    assert found == ["a task failed quietly", "a server error"]
