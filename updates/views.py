import calendar
import datetime

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import (
    Http404,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import requires_csrf_token
from django.views.generic import (
    ArchiveIndexView,
    DateDetailView,
    DayArchiveView,
    DetailView,
    ListView,
    MonthArchiveView,
    TemplateView,
    YearArchiveView,
)

from .models import MapImage, Place, PlaceSlug, Source, Update, UpdatePlace
from .paging import (
    LINKED_CAP,
    CountlessPaginator,
    citing_source,
    naming_place,
    years_with_updates,
)
from .search import MAX_SEARCH_DEPTH, search_query_normalize, search_updates

RECENT_WEEKS = 8


class UpdateViewMixin:
    """What every public list of updates shares, as djangoproject.com's BlogViewMixin."""

    date_field = "reported_on"
    paginate_by = 20
    month_format = "%m"
    day_format = "%d"
    allow_empty = False
    # Reports may be dated ahead of the server's clock zone; the publication time
    # (published_at) is what guards scheduled updates, in Update.objects.published().
    allow_future = True

    paginator_class = CountlessPaginator

    def get_queryset(self):
        return Update.objects.published().for_listing()


class YearListMixin:
    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return years_with_updates(queryset)


class HomeView(YearListMixin, UpdateViewMixin, ArchiveIndexView):
    template_name = "updates/home.html"
    paginate_by = 10
    allow_empty = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        published = Update.objects.published()
        latest = published.aggregate(latest=Max("reported_on"))["latest"]
        context["calendar"] = month_calendar(latest) if latest else None
        context["active_places"] = active_places(latest) if latest else []
        return context


class UpdateArchiveView(YearListMixin, UpdateViewMixin, ArchiveIndexView):
    template_name = "updates/update_archive.html"
    allow_empty = True


class UpdateYearArchiveView(UpdateViewMixin, YearArchiveView):
    make_object_list = True
    template_name = "updates/update_archive_year.html"


class UpdateMonthArchiveView(UpdateViewMixin, MonthArchiveView):
    template_name = "updates/update_archive_month.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["calendar"] = month_calendar(context["month"])
        return context


class UpdateDayArchiveView(UpdateViewMixin, DayArchiveView):
    template_name = "updates/update_archive_day.html"


class UpdateDetailView(UpdateViewMixin, DateDetailView):
    template_name = "updates/update_detail.html"

    def get_queryset(self):
        return Update.objects.published().for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(neighbours(self.object))
        return context


@method_decorator(staff_member_required, name="dispatch")
class UpdatePreviewView(PermissionRequiredMixin, DetailView):
    """Editors see any update, draft or not, as readers will."""

    template_name = "updates/update_detail.html"
    # Either is enough (the admin's own rule for viewing); is_staff alone is not.
    permission_required = ("updates.view_update", "updates.change_update")

    def has_permission(self):
        return any(self.request.user.has_perm(perm) for perm in self.permission_required)

    def get_queryset(self):
        return Update.objects.for_detail()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = True
        return context


def neighbours(update: Update) -> dict:
    """
    The published updates just before and after ``update`` in (date, id) order. Each side
    is two indexed probes (same day, then the nearest other day): an OR of the two made
    PostgreSQL walk half the table from one end for an update in the middle.
    """
    published = Update.objects.published().only("title", "slug", "reported_on")
    day, pk = update.reported_on, update.pk
    earlier = [
        published.filter(reported_on=day, pk__lt=pk).order_by("-pk").first(),
        published.filter(reported_on__lt=day).order_by("-reported_on", "-pk").first(),
    ]
    later = [
        published.filter(reported_on=day, pk__gt=pk).order_by("pk").first(),
        published.filter(reported_on__gt=day).order_by("reported_on", "pk").first(),
    ]
    return {
        "previous_update": next((u for u in earlier if u is not None), None),
        "next_update": next((u for u in later if u is not None), None),
    }


def month_calendar(day: datetime.date) -> dict:
    """The month of ``day`` as weeks of days, each day with its count of updates."""
    first = day.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    counts = dict(
        Update.objects.published()
        .filter(reported_on__range=(first, last))
        .values_list("reported_on")
        .annotate(n=Count("id"))
        .order_by()
    )
    published = Update.objects.published().order_by()
    previous = published.filter(reported_on__lt=first).aggregate(d=Max("reported_on"))["d"]
    following = (
        published.filter(reported_on__gt=last)
        .order_by("reported_on")
        .values_list("reported_on", flat=True)[:1]
    )
    weeks = [
        [{"date": d, "in_month": d.month == first.month, "count": counts.get(d, 0)} for d in week]
        for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    return {
        "month": first,
        "weeks": weeks,
        "previous": previous,
        "next": following[0] if following else None,
    }


def active_places(latest: datetime.date, *, limit: int = 10):
    since = latest - datetime.timedelta(weeks=RECENT_WEEKS)
    recent = Update.objects.published().filter(reported_on__gte=since)
    return (
        Place.objects.filter(update_links__update__in=recent)
        .annotate(recent_count=Count("update_links"))
        .order_by("-recent_count", "name")[:limit]
    )


class PlaceListView(TemplateView):
    """Places named by published updates, a page of them at a time, grouped by region."""

    template_name = "updates/place_list.html"
    paginate_by = 100

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = search_query_normalize(self.request.GET.get("q"))
        places = Place.objects.public().select_related("parent").with_update_counts()
        if query:
            places = places.filter(pk__in=Place.objects.containing(query).values("pk"))
        page = Paginator(places.order_by("name", "pk"), self.paginate_by).get_page(
            self.request.GET.get("page")
        )
        groups: dict[str, list[Place]] = {}
        for place in page.object_list:
            if place.kind == Place.Kind.REGION and not place.parent_id:
                region = place.name
            else:
                region = place.parent.name if place.parent else ""
            groups.setdefault(region, []).append(place)
        context["groups"] = sorted(groups.items(), key=lambda item: (item[0] == "", item[0]))
        context["query"] = query
        context["page_obj"] = page
        context["place_count"] = page.paginator.count
        return context


class PlaceDetailView(DetailView):
    model = Place
    template_name = "updates/place_detail.html"

    def get_queryset(self):
        return Place.objects.with_pages().select_related("parent").prefetch_related("aliases")

    def get(self, request, *args, **kwargs):
        # A renamed place's old address answers with a permanent redirect.
        old = PlaceSlug.objects.filter(slug=kwargs.get("slug")).select_related("place").first()
        if old is not None and not Place.objects.filter(slug=old.slug).exists():
            return HttpResponsePermanentRedirect(old.place.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        updates = (
            naming_place(Update.objects.published(), self.object.pk)
            .for_listing()
            .order_by("-reported_on", "-pk")
        )
        page = CountlessPaginator(updates, 20).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["updates"] = page.object_list
        named_in = updates_naming(self.object)
        context["images"] = place_images(self.object, named_in=named_in)
        context["images_awaiting"] = place_images_awaiting(self.object, named_in=named_in)
        return context


def updates_naming(place: Place) -> list[int]:
    """The newest updates that name ``place`` (ids, capped): one indexed query."""
    return list(
        UpdatePlace.objects.filter(place=place)
        .order_by("-update_id")
        .values_list("update_id", flat=True)[:LINKED_CAP]
    )


def place_images(place: Place, *, named_in: list[int], limit: int = 12) -> list[MapImage]:
    """Images that show the place, or belong to an update that names it: indexed queries."""
    published = MapImage.objects.published()
    found: dict[int, MapImage] = {}
    for images in (published.filter(places=place), published.filter(update_id__in=named_in)):
        for image in images.select_related("update").order_by(
            "-update__reported_on", "-update_id", "position"
        )[:limit]:
            found[image.pk] = image
    ordered = sorted(
        found.values(), key=lambda i: (i.update.reported_on, i.update_id, -i.position), reverse=True
    )
    return ordered[:limit]


AWAITING_CAP = 1000


def place_images_awaiting(place: Place, *, named_in: list[int]) -> int:
    """How many of the place's maps are named by their documents but not uploaded yet."""
    awaiting = MapImage.objects.awaiting_upload().values_list("pk", flat=True)
    shown = set(awaiting.filter(places=place)[:AWAITING_CAP])
    return len(shown | set(awaiting.filter(update_id__in=named_in)[:AWAITING_CAP]))


class MapGalleryView(ListView):
    template_name = "updates/map_gallery.html"
    paginate_by = 24
    paginator_class = CountlessPaginator

    def get_queryset(self):
        return (
            MapImage.objects.published()
            .select_related("update")
            .order_by("-update__reported_on", "update_id", "position")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Bounded, like every count on a list page: past the cap the line says "more than".
        awaiting = MapImage.objects.awaiting_upload().values_list("pk", flat=True)
        context["images_awaiting"] = len(awaiting[: AWAITING_CAP + 1])
        context["awaiting_cap"] = AWAITING_CAP
        return context


class SourceListView(ListView):
    template_name = "updates/source_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Source.objects.public().with_update_counts().order_by("name", "pk")


class SourceDetailView(DetailView):
    model = Source
    template_name = "updates/source_detail.html"

    def get_queryset(self):
        return Source.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        updates = (
            citing_source(Update.objects.published(), self.object.pk)
            .for_listing()
            .order_by("-reported_on", "-pk")
        )
        page = CountlessPaginator(updates, 20).get_page(self.request.GET.get("page"))
        context["page_obj"] = page
        context["updates"] = page.object_list
        return context


class SearchPaginator(CountlessPaginator):
    """Pages of search results: "Older" while more match, as deep as the API's offsets go."""

    MAX_PAGE = MAX_SEARCH_DEPTH // 20


def search(request):
    query = search_query_normalize(request.GET.get("q"))
    context = {"query": query}
    if query:
        results = search_updates(query, headlines=True)
        page = SearchPaginator(results, 20).get_page(request.GET.get("page"))
        context.update(
            page_obj=page,
            results=page.object_list,
            places=results.places[:10],
            count=results.count(),
            count_capped=results.capped,
            count_cap=results.count_cap,
        )
    return render(request, "updates/search.html", context)


def language_switch(request, code):
    """
    The footer's language links: a GET that sets the language cookie and goes back.
    No form and no CSRF token, so public pages carry no cookie and stay cacheable.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404("Unknown language.")
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def page_not_found(request, exception):
    if request.path.startswith("/api/"):  # API clients get JSON, whatever did not match
        return JsonResponse({"detail": "Not Found"}, status=404)
    return render(request, "404.html", status=404)


@requires_csrf_token
def server_error(request):
    # Rendered without a request context: nothing that failed once is asked again.
    return HttpResponseServerError(loader.get_template("500.html").render({}))
