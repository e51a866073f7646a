"""
Editors review suggested observations, add observations by hand on the update form, and
upload area layers. The inline is added to updates' ``UpdateAdmin`` from here, so that
``updates`` never imports ``control``.
"""

from django.contrib import admin, messages
from django.forms.models import BaseInlineFormSet
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from updates.admin import UpdateAdmin

from .forms import AreaLayerForm
from .models import AreaLayer, ControlObservation, Origin
from .services import (
    area_layer_delete,
    area_layer_save,
    control_periods_deferred,
    observations_accept,
    observations_reject,
)


class OptionalInlineFormSet(BaseInlineFormSet):
    """
    A change form posted without this inline's management data (a client or a test that
    does not know control exists) leaves the observations as they are instead of failing.
    """

    def __init__(self, data=None, *args, prefix=None, **kwargs):
        prefix = prefix or self.get_default_prefix()
        if data is not None and f"{prefix}-TOTAL_FORMS" not in data:
            data = data.copy()
            for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS"):
                data[f"{prefix}-{name}"] = "0"
            data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        super().__init__(data, *args, prefix=prefix, **kwargs)

    def save_new(self, form, commit=True):
        # Observations an editor adds by hand are the editor's decision: accepted.
        form.instance.origin = Origin.EDITOR
        if not form.instance.observed_on and self.instance.reported_on:
            form.instance.observed_on = self.instance.reported_on
        return super().save_new(form, commit=commit)


class ControlObservationInline(admin.TabularInline):
    model = ControlObservation
    formset = OptionalInlineFormSet
    fk_name = "update"
    extra = 0
    autocomplete_fields = ["place", "sources"]
    fields = [
        "place",
        "observed_on",
        "status",
        "basis",
        "claimed_by",
        "sources",
        "review",
        "sentence_shown",
    ]
    readonly_fields = ["sentence_shown"]
    verbose_name = _("control observation (suggested ones await review)")
    verbose_name_plural = _("control observations (suggested ones await review)")

    @admin.display(description=_("from the sentence"))
    def sentence_shown(self, obj):
        return obj.sentence or "—"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("place").order_by("review", "pk")


if ControlObservationInline not in UpdateAdmin.inlines:
    UpdateAdmin.inlines = [*UpdateAdmin.inlines, ControlObservationInline]


@admin.register(ControlObservation)
class ControlObservationAdmin(admin.ModelAdmin):
    list_display = [
        "place",
        "observed_on",
        "status",
        "basis",
        "claimed_by",
        "review",
        "origin",
        "update",
        "sentence_excerpt",
    ]
    list_filter = [
        "review",
        "status",
        "basis",
        "origin",
        ("observed_on", admin.DateFieldListFilter),
    ]
    search_fields = ["place__name", "place__aliases__name", "claimed_by", "sentence", "note"]
    autocomplete_fields = ["place", "sources", "update"]
    date_hierarchy = "observed_on"
    ordering = ["-observed_on", "place__name", "-id"]
    list_select_related = ["place", "update"]
    readonly_fields = ["origin", "sentence", "created_at", "updated_at"]
    actions = ["accept", "reject"]
    fields = [
        "place",
        "observed_on",
        ("status", "basis"),
        "claimed_by",
        "sources",
        "update",
        "note",
        "review",
        "origin",
        "sentence",
        ("created_at", "updated_at"),
    ]

    def delete_queryset(self, request, queryset):
        with control_periods_deferred():  # one refresh of the kept periods, not one per row
            super().delete_queryset(request, queryset)

    @admin.display(description=_("sentence"))
    def sentence_excerpt(self, obj):
        return Truncator(obj.sentence).chars(120) if obj.sentence else "—"

    @admin.action(description=_("Accept the selected suggestions"), permissions=["change"])
    def accept(self, request, queryset):
        count = observations_accept(observations=queryset)
        self.message_user(
            request,
            ngettext("%(count)d observation accepted.", "%(count)d observations accepted.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Reject the selected suggestions"), permissions=["change"])
    def reject(self, request, queryset):
        count = observations_reject(observations=queryset)
        self.message_user(
            request,
            ngettext("%(count)d observation rejected.", "%(count)d observations rejected.", count)
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(AreaLayer)
class AreaLayerAdmin(admin.ModelAdmin):
    form = AreaLayerForm
    list_display = ["valid_on", "kind", "name", "area_km2", "gained_km2", "lost_km2", "source"]
    list_filter = ["kind", ("valid_on", admin.DateFieldListFilter)]
    search_fields = ["name", "file_name"]
    date_hierarchy = "valid_on"
    autocomplete_fields = ["source"]
    list_select_related = ["source"]
    readonly_fields = ["area_km2", "gained_km2", "lost_km2", "created_at", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).without_geometry()

    def get_fields(self, request, obj=None):
        return [
            "kind",
            "valid_on",
            "name",
            "source",
            "upload",
            *(["geometry"] if obj is None else []),
            "area_km2",
            "gained_km2",
            "lost_km2",
        ]

    def save_model(self, request, obj, form, change):
        if form.cleaned_geometry is not None:
            obj.file_name = ""  # the editor's geometry: a file import no longer replaces it
        area_layer_save(layer=obj, geometry=form.cleaned_geometry)

    def delete_model(self, request, obj):
        area_layer_delete(layer=obj)

    def delete_queryset(self, request, queryset):
        for layer in queryset.order_by("valid_on"):
            area_layer_delete(layer=layer)
