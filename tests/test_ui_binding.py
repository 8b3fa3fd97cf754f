"""The Qt binding itself: calls that return nothing must not drain Python's reference count of None.

PySide6 6.12.0 on Python 3.11 dropped one reference to None on every call of a method returning void
(``QLabel.setText``, ``QComboBox.addItem``…). None's count is in the tens of thousands, so the window
died with "Fatal Python error: none_dealloc" after that many calls: opening a project of 20,000 articles
filled the article choice and crashed. Python 3.12 and later make None immortal (the count is then a
constant and the test passes trivially); on 3.11 this test fails on a binding with the fault.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel


def test_void_calls_keep_none_alive(qtbot):
    label, combo = QLabel(), QComboBox()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    before = sys.getrefcount(None)
    for i in range(2000):
        label.setText("x")
        combo.addItem("x", i)
    assert sys.getrefcount(None) >= before - 100
