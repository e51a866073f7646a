from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Count
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from markdownx.models import MarkdownxField
from markdownx.widgets import AdminMarkdownxWidget

from .admin_review import uncertain_places_field
from .counts import counts_batch
from .editor import dropped_images_attach
from .models import MapImage, Place, PlaceAlias, QuotedPost, Source, Update, UpdatePlace
from .uploads import verify_image


class UploadedImageField(forms.FileField):
    """
    The uploaded file as it is: ``verify_image`` says what is wrong with it in its own words
    (``forms.ImageField`` calls a decompression bomb "not an image or a corrupted image").
    """


class VerifiedImageForm(forms.ModelForm):
    """A map image form whose file is checked by Pillow, not by its name or Content-Type."""

    class Meta:
        model = MapImage
        field_classes = {"image": UploadedImageField}
        fields = [
            "update",
            "image",
            "original_reference",
            "alt_text",
            "caption",
            "depicts_on",
            "places",
            "position",
        ]

    def clean_image(self):
        image = self.cleaned_data.get("image")
        if isinstance(image, UploadedFile):
            # An editor's file from now on: a re-import never replaces it.
            self.instance.import_digest = ""
            return verify_image(image).content
        return image


class UpdateAdminForm(forms.ModelForm):
    """The update form, refused when another editor saved the update since it was opened."""

    # Not "version": the admin refuses non-editable model fields in its forms.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Update
        # The admin's fieldsets choose what is shown; these are the fields it may save.
        fields = [
            "title",
            "slug",
            "reported_on",
            "body",
            "status",
            "verification",
            "language",
            "sources",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        # The admin saves inside a transaction: the row stays locked (PostgreSQL) from this
        # check to the save, so two forms of the same version cannot both pass.
        current = (
            Update.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values("version", "updated_at", "updated_by__username")
            .first()
        )
        if current is None:
            raise forms.ValidationError(_("This update was deleted by another editor."))
        if cleaned.get("opened_version") != current["version"]:
            raise forms.ValidationError(
                _(
                    "%(editor)s saved this update at %(time)s, after you opened it. Nothing "
                    "was saved: your text is still in the form below. Open the update again "
                    "in another tab, merge your changes into it, and save there."
                )
                % {
                    "editor": current["updated_by__username"] or _("Another editor"),
                    "time": date_format(localtime(current["updated_at"]), "DATETIME_FORMAT"),
                },
                code="stale",
            )
        return cleaned


def image_preview(map_image: MapImage, *, size: int = 120):
    if map_image.is_missing:
        return format_html(
            '<span class="frontline-missing" title="{}">⚠ {}</span>',
            map_image.original_reference,
            _("file missing"),
        )
    source = map_image.thumbnail or map_image.image
    return format_html(
        '<a href="{}"><img src="{}" alt="{}" style="max-width:{}px;max-height:{}px"></a>',
        map_image.image.url,
        source.url,
        map_image.alt_text,
        size,
        size,
    )


class UpdatePlaceInline(admin.TabularInline):
    model = UpdatePlace
    autocomplete_fields = ["place"]
    extra = 1


class MapImageInline(admin.StackedInline):
    model = MapImage
    form = VerifiedImageForm
    autocomplete_fields = ["places"]
    readonly_fields = ["preview", "width", "height"]
    fields = [
        ("preview", "image"),
        ("alt_text", "caption"),
        ("depicts_on", "position"),
        "original_reference",
        "places",
        ("width", "height"),
    ]
    extra = 0

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj) if obj.pk else "—"


class QuotedPostInline(admin.StackedInline):
    model = QuotedPost
    extra = 0
    fields = [("author_name", "handle", "posted_on"), ("url", "language"), "text", "position"]


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    form = UpdateAdminForm
    formfield_overrides = {MarkdownxField: {"widget": AdminMarkdownxWidget}}
    list_display = [
        "title",
        "reported_on",
        "status",
        "verification",
        "language",
        "image_count",
        "published_at",
        "updated_at",
        "updated_by",
    ]
    list_filter = [
        "status",
        "verification",
        "language",
        ("reported_on", admin.DateFieldListFilter),
        "sources__kind",
        ("places", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["title", "body", "places__name", "places__aliases__name"]
    date_hierarchy = "reported_on"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["sources"]
    readonly_fields = [
        "published_at", "created_at", "created_by", "updated_at", "updated_by",
        "uncertain_places",
    ]  # fmt: skip
    inlines = [UpdatePlaceInline, MapImageInline, QuotedPostInline]
    actions = ["publish", "unpublish"]
    list_select_related = ["updated_by"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "reported_on", "summary", "body", "opened_version"]}),
        (_("Publication"), {"fields": ["status", "verification", "language", "sources"]}),
        (_("Uncertain places"), {"fields": ["uncertain_places"]}),
        (
            _("History"),
            {
                "fields": [
                    ("published_at",),
                    ("created_at", "created_by"),
                    ("updated_at", "updated_by"),
                ],
                "classes": ["collapse"],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(image_total=Count("images", distinct=True))

    uncertain_places = uncertain_places_field

    @admin.display(description=_("images"), ordering="image_total")
    def image_count(self, obj):
        return obj.image_total

    # One recount of what a form, a deletion or an action touched, not one per saved row.
    def changeform_view(self, request, *args, **kwargs):
        with counts_batch():
            return super().changeform_view(request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):
        with counts_batch():
            return super().changelist_view(request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        with counts_batch():
            return super().delete_view(request, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        dropped_images_attach(update=form.instance)

    @admin.action(description=_("Publish the selected updates"), permissions=["change"])
    def publish(self, request, queryset):
        undated = queryset.filter(reported_on__isnull=True).count()
        if undated:
            self.message_user(
                request,
                ngettext(
                    "%(count)d undated update was left as a draft: give it a date first.",
                    "%(count)d undated updates were left as drafts: give them a date first.",
                    undated,
                )
                % {"count": undated},
                messages.WARNING,
            )
        count = 0
        for update in queryset.filter(reported_on__isnull=False).exclude(
            status=Update.Status.PUBLISHED
        ):
            update.status = Update.Status.PUBLISHED
            update.updated_by = request.user
            update.save()
            self.log_change(request, update, [{"changed": {"fields": ["status"]}}])
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d update published.", "%(count)d updates published.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(
        description=_("Unpublish the selected updates (back to draft)"), permissions=["change"]
    )
    def unpublish(self, request, queryset):
        count = 0
        for update in queryset.filter(status=Update.Status.PUBLISHED):
            update.status = Update.Status.DRAFT
            update.updated_by = request.user
            update.save()
            self.log_change(request, update, [{"changed": {"fields": ["status"]}}])
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d update unpublished.", "%(count)d updates unpublished.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    def view_on_site(self, obj):
        # Readers see published updates only; for anything else the link is the staff
        # preview, so "View on site" never leads an editor to a 404.
        if Update.objects.published().filter(pk=obj.pk).exists():
            return obj.get_absolute_url()
        return reverse("updates:update_preview", kwargs={"pk": obj.pk})


class PlaceAliasInline(admin.TabularInline):
    model = PlaceAlias
    extra = 1
    fields = ["name", "language"]


class LocatedFilter(admin.SimpleListFilter):
    title = _("location")
    parameter_name = "located"

    def lookups(self, request, model_admin):
        return [("yes", _("Located")), ("no", _("Not yet located"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(latitude__isnull=False, longitude__isnull=False)
        if self.value() == "no":
            return queryset.filter(latitude__isnull=True)
        return queryset


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "country", "located", "precision", "update_count"]
    list_filter = ["kind", "country", "precision", LocatedFilter]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    inlines = [PlaceAliasInline]
    list_select_related = ["parent"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(update_total=Count("update_links"))

    def get_search_results(self, request, queryset, search_term):
        # Any spelling, any script, any case: the normalized keys, not the raw names.
        if not search_term.strip():
            return queryset, False
        return queryset.filter(pk__in=Place.objects.containing(search_term).values("pk")), False

    @admin.display(description=_("located"), boolean=True)
    def located(self, obj):
        return obj.is_located

    @admin.display(description=_("updates"), ordering="update_total")
    def update_count(self, obj):
        return obj.update_total


class MissingFileFilter(admin.SimpleListFilter):
    title = _("file")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("yes", _("Missing")), ("no", _("Present"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(image="")
        if self.value() == "no":
            return queryset.exclude(image="")
        return queryset


@admin.register(MapImage)
class MapImageAdmin(admin.ModelAdmin):
    form = VerifiedImageForm
    list_display = ["preview", "__str__", "update", "depicts_on", "file_state"]
    list_filter = [MissingFileFilter, ("update__reported_on", admin.DateFieldListFilter)]
    search_fields = ["alt_text", "caption", "original_reference", "update__title"]
    autocomplete_fields = ["update", "places"]
    readonly_fields = ["preview", "width", "height"]
    list_select_related = ["update"]

    @admin.display(description=_("preview"))
    def preview(self, obj):
        return image_preview(obj, size=80)

    @admin.display(description=_("file"))
    def file_state(self, obj):
        return _("missing — upload it") if obj.is_missing else _("present")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "language", "author", "published_on", "file_name"]
    list_filter = ["kind", "language"]
    search_fields = ["name", "author", "publisher", "url", "file_name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["content_hash", "created_at", "updated_at"]


admin.site.site_header = _("Frontline editors")
admin.site.site_title = _("Frontline")
admin.site.index_title = _("Updates, places and sources")
