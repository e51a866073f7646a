from django.urls import path, register_converter

from . import feeds, views


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):04d}"


class TwoDigitConverter:
    """Months and days as two digits, so each day has exactly one permalink."""

    regex = "[0-9]{2}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return f"{int(value):02d}"


register_converter(YearConverter, "yyyy")
register_converter(TwoDigitConverter, "dd")

app_name = "updates"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("updates/", views.UpdateArchiveView.as_view(), name="update_list"),
    path("updates/<yyyy:year>/", views.UpdateYearArchiveView.as_view(), name="year"),
    path("updates/<yyyy:year>/<dd:month>/", views.UpdateMonthArchiveView.as_view(), name="month"),
    path(
        "updates/<yyyy:year>/<dd:month>/<dd:day>/",
        views.UpdateDayArchiveView.as_view(),
        name="day",
    ),
    path(
        "updates/<yyyy:year>/<dd:month>/<dd:day>/<slug:slug>/",
        views.UpdateDetailView.as_view(),
        name="update_detail",
    ),
    path("preview/<int:pk>/", views.UpdatePreviewView.as_view(), name="update_preview"),
    path("places/", views.PlaceListView.as_view(), name="place_list"),
    path("places/<slug:slug>/", views.PlaceDetailView.as_view(), name="place_detail"),
    path("maps/", views.MapGalleryView.as_view(), name="map_gallery"),
    path("sources/", views.SourceListView.as_view(), name="source_list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source_detail"),
    path("search/", views.search, name="search"),
    path("feeds/latest/", feeds.LatestUpdatesFeed(), name="feed_latest"),
    path("feeds/latest/atom/", feeds.LatestUpdatesAtomFeed(), name="feed_latest_atom"),
    path("feeds/places/<slug:slug>/", feeds.PlaceUpdatesFeed(), name="feed_place"),
]
