"""Request guards that apply to every URL."""

from django.http import HttpResponseBadRequest


def reject_nul_bytes(get_response):
    """
    A NUL byte in the path or any query parameter is a 400, before any view runs:
    PostgreSQL cannot store or compare text containing one, so it would be a 500 later.
    """

    def middleware(request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                "Bad request: a parameter contains a NUL byte.", content_type="text/plain"
            )
        return get_response(request)

    return middleware
