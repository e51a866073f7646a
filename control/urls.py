from django.urls import path

# Importing updates.urls registers the "yyyy" and "dd" path converters, so a day has the
# same one permalink shape here as in the updates archive.
from updates.urls import TwoDigitConverter, YearConverter  # noqa: F401

from . import feeds, views

app_name = "control"

urlpatterns = [
    path("map/", views.map_today, name="map"),
    path("map/<yyyy:year>/<dd:month>/<dd:day>/", views.map_day, name="map_day"),
    path("map/data/<str:date>.json", views.map_data, name="map_data"),
    path("changes/", views.changes, name="changes"),
    path("changes/feed/", feeds.ControlChangesFeed(), name="feed_changes"),
    path("territory/", views.territory, name="territory"),
]
