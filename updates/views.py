import datetime

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.mixins import PermissionRequiredMixin
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
from django.utils.translation import gettext as _
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

from .days import month_after, month_calendar, period_start
from .models import (
    ActivePlace,
    DayCount,
    MapImage,
    Place,
    PlaceCount,
    PlaceSlug,
    Source,
    Update,
)
from .paging import (
    BY_NAME,
    UPDATES,
    CountlessPaginator,
    Keyset,
    KeysetPagesMixin,
)
from .search import MAX_SEARCH_DEPTH, search_query_normalize, search_updates


class UpdateViewMixin(KeysetPagesMixin):
    """What every public list of updates shares, as djangoproject.com's BlogViewMixin."""

    date_field = "reported_on"
    paginate_by = 20
    month_format = "%m"
    day_format = "%d"
    allow_empty = False
    # Reports may be dated ahead of the server's clock zone; the publication time
    # (published_at) is what guards scheduled updates, in Update.objects.published().
    allow_future = True

    def get_queryset(self):
        return Update.objects.published().for_listing()

    # Lists of periods and the periods on either side come from the kept day counts (one
    # indexed query each), not from the updates table.

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        days = self.kept_days()
        dates = list(days.dates("day", date_type or self.get_date_list_period(), ordering))
        if not dates and not self.get_allow_empty():
            raise Http404(_("No updates available"))
        return dates

    def kept_days(self):
        return DayCount.objects.all()

    def get_previous_year(self, date):
        return period_start(DayCount.objects.previous(date.replace(month=1, day=1)), "year")

    def get_next_year(self, date):
        return period_start(
            DayCount.objects.next(date.replace(year=date.year + 1, month=1, day=1)), "year"
        )

    def get_previous_month(self, date):
        return period_start(DayCount.objects.previous(date.replace(day=1)), "month")

    def get_next_month(self, date):
        return period_start(DayCount.objects.next(month_after(date)), "month")

    def get_previous_day(self, date):
        return DayCount.objects.previous(date)

    def get_next_day(self, date):
        return DayCount.objects.next(date + datetime.timedelta(days=1))


class HomeView(UpdateViewMixin, ArchiveIndexView):
    template_name = "updates/home.html"
    paginate_by = 10
    allow_empty = True

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        # The home page lists no years; the view only asks whether there is any update.
        latest = DayCount.objects.latest_day()
        return [latest] if latest else []

    def paginate_queryset(self, queryset, page_size):
        latest = list(queryset.order_by(*UPDATES.order())[:page_size])
        return None, None, latest, False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        latest = self.date_list[0] if self.date_list else None
        context["calendar"] = month_calendar(latest) if latest else None
        active = ActivePlace.objects.select_related("place")[: ActivePlace.KEPT]
        context["active_places"] = active if latest else []
        context["active_weeks"] = ActivePlace.WEEKS
        return context


class UpdateArchiveView(UpdateViewMixin, ArchiveIndexView):
    template_name = "updates/update_archive.html"
    allow_empty = True

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return super().get_date_list(queryset, "year", "DESC")


class UpdateYearArchiveView(UpdateViewMixin, YearArchiveView):
    make_object_list = True
    template_name = "updates/update_archive_year.html"

    def kept_days(self):
        return DayCount.objects.filter(day__year=int(self.get_year()))


class UpdateMonthArchiveView(UpdateViewMixin, MonthArchiveView):
    template_name = "updates/update_archive_month.html"

    def kept_days(self):
        first = datetime.date(int(self.get_year()), int(self.get_month()), 1)
        return DayCount.objects.filter(day__gte=first, day__lt=month_after(first))

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


class PlaceListView(KeysetPagesMixin, TemplateView):
    """Places named by published updates, a page of them at a time, grouped by region."""

    template_name = "updates/place_list.html"
    paginate_by = 100
    keyset = BY_NAME

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = search_query_normalize(self.request.GET.get("q"))
        places = Place.objects.public().select_related("parent").with_update_counts()
        if query:
            places = places.filter(pk__in=Place.objects.containing(query).values("pk"))
            count = places.count()  # the matches of a name: a few
        else:
            count = PlaceCount.objects.filter(update_count__gt=0).count()  # the kept counts
        page = self.page_of(places, self.paginate_by)
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
        context["place_count"] = count
        return context


class PlaceDetailView(KeysetPagesMixin, DetailView):
    model = Place
    template_name = "updates/place_detail.html"

    def get_queryset(self):
        return (
            Place.objects.with_pages()
            .select_related("parent", "kept_count")
            .prefetch_related("aliases")
        )

    def get(self, request, *args, **kwargs):
        # A renamed place's old address answers with a permanent redirect.
        old = PlaceSlug.objects.filter(slug=kwargs.get("slug")).select_related("place").first()
        if old is not None and not Place.objects.filter(slug=old.slug).exists():
            return HttpResponsePermanentRedirect(old.place.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        named = Update.objects.published().naming(self.object)
        page = self.page_of(named.for_listing(), 20)
        context["page_obj"] = page
        context["updates"] = page.object_list
        context["images"] = place_images(self.object, named=named)
        kept = getattr(self.object, "kept_count", None)  # not kept yet: nothing awaits
        context["images_awaiting"] = kept.maps_awaiting if kept else 0
        return context


def place_images(place: Place, *, named, limit: int = 12) -> list[MapImage]:
    """Images that show the place, or belong to an update that names it: indexed queries."""
    published = MapImage.objects.published()
    found: dict[int, MapImage] = {}
    for images in (published.filter(places=place), published.filter(update__in=named)):
        for image in images.select_related("update").order_by(
            "-update__reported_on", "-update_id", "position"
        )[:limit]:
            found[image.pk] = image
    ordered = sorted(
        found.values(), key=lambda i: (i.update.reported_on, i.update_id, -i.position), reverse=True
    )
    return ordered[:limit]


# The gallery: newest day first, each update's maps together in their order.
MAPS = Keyset(
    ("-update__reported_on", "update_id", "position", "pk"),
    (datetime.date, int, int, int),
    lambda image: (image.update.reported_on, image.update_id, image.position, image.pk),
)


class MapGalleryView(KeysetPagesMixin, ListView):
    template_name = "updates/map_gallery.html"
    paginate_by = 24
    keyset = MAPS

    def get_queryset(self):
        return MapImage.objects.published().select_related("update")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["images_awaiting"] = DayCount.objects.maps_awaiting()  # kept, per day
        return context


class SourceListView(KeysetPagesMixin, ListView):
    template_name = "updates/source_list.html"
    paginate_by = 50
    keyset = BY_NAME

    def get_queryset(self):
        return Source.objects.public().with_update_counts()


class SourceDetailView(KeysetPagesMixin, DetailView):
    model = Source
    template_name = "updates/source_detail.html"

    def get_queryset(self):
        return Source.objects.public()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citing = Update.objects.published().citing(self.object)
        page = self.page_of(citing.for_listing(), 20)
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
