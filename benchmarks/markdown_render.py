"""
Markdown rendering on hostile input, at two sizes: the work must grow linearly.

    .venv/bin/python benchmarks/markdown_render.py

Prints the seconds and the Python trace events (lines, calls, returns) that
``render_markdown`` spends on pathological inputs at N and 2N characters.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontline.settings")
os.environ.setdefault("FRONTLINE_MAX_MARKDOWN_CHARS", "10000000")

import django  # noqa: E402

django.setup()

from updates.markdown import render_markdown  # noqa: E402

UNITS = ["[", "![a", "[a](", "*a", "<a ", "> "]


def events(text: str) -> int:
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        count += 1
        return tracer

    sys.settrace(tracer)
    try:
        render_markdown(text)
    finally:
        sys.settrace(None)
    return count


def main() -> None:
    small, large = 15_000, 30_000
    print(f"{'input':8} {'s @15K':>8} {'s @30K':>8} {'events ratio (2K/1K units)':>28}")
    for unit in UNITS:
        seconds = []
        for size in (small, large):
            text = unit * (size // len(unit))
            began = time.perf_counter()
            render_markdown(text)
            seconds.append(time.perf_counter() - began)
        ratio = events(unit * 2000) / events(unit * 1000)
        print(f"{unit!r:8} {seconds[0]:8.3f} {seconds[1]:8.3f} {ratio:28.2f}")


if __name__ == "__main__":
    main()
