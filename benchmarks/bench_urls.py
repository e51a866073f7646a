"""The project's URLs plus a trivial view (the floor) and a query-counting middleware."""

import time
from contextlib import ExitStack

from django.db import connections
from django.http import HttpResponse
from django.urls import include, path


def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


def count_queries(get_response):
    """Queries per request, the time spent waiting on them, and the worker's own CPU time
    for the request (unlike wall time, not stretched by other processes on the machine)."""

    def middleware(request):
        started = time.thread_time()
        counted, waited = [0], [0.0]

        def wrapper(execute, sql, params, many, context):
            counted[0] += 1
            begun = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                waited[0] += time.perf_counter() - begun

        with ExitStack() as stack:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(wrapper))
            response = get_response(request)
        response["X-Bench-Queries"] = str(counted[0])
        response["X-Bench-CPU"] = f"{(time.thread_time() - started) * 1000:.2f}"
        response["X-Bench-DB"] = f"{waited[0] * 1000:.2f}"
        return response

    return middleware


urlpatterns = [
    path("__bench__/trivial/", trivial),
    path("", include("frontline.urls")),
]
handler404 = "updates.views.page_not_found"
handler500 = "updates.views.server_error"
