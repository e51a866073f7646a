"""Admin for uncertain place mentions: shown on their update, settled in one click."""

from django.contrib import admin, messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .importing.review import place_mention_dismiss, place_mention_pick
from .models import PlaceMention


def _candidate_buttons(mention: PlaceMention):
    """One submit button per candidate; each posts to the pick view (CSRF token included)."""
    if mention.pk is None:
        return ""
    buttons = []
    for index, candidate in enumerate(mention.candidates):
        where = ", ".join(
            part for part in (candidate.get("hromada"), candidate.get("region")) if part
        )
        label = f"{candidate.get('name')} ({where})" if where else candidate.get("name", "?")
        if candidate.get("precision") == "approximate":
            label += " ~"
        url = reverse("admin:updates_placemention_pick", args=[mention.pk, index])
        buttons.append((url, label))
    html = format_html_join(
        " ",
        '<button type="submit" class="button" formaction="{}" formmethod="post" '
        "formnovalidate>{}</button>",
        buttons,
    )
    dismiss = reverse("admin:updates_placemention_dismiss", args=[mention.pk])
    return format_html(
        '{} <button type="submit" class="button" formaction="{}" formmethod="post" '
        "formnovalidate>{}</button>",
        html,
        dismiss,
        _("Not a place"),
    )


@admin.display(description=_("place mentions the import was not sure of"))
def uncertain_places_field(admin_instance, update):
    """On the update's page: each uncertain mention with one button per candidate."""
    if update is None or update.pk is None:
        return "—"
    rows = []
    for mention in update.place_mentions.select_related("linked_place", "resolved_place"):
        if mention.resolved_place_id:
            state = format_html(_("picked: {}"), mention.resolved_place.name)
        elif mention.dismissed:
            state = _("not a place")
        else:
            state = _candidate_buttons(mention)
        linked = mention.linked_place.name if mention.linked_place_id else _("not linked")
        rows.append((mention.line, mention.written, mention.get_status_display(), linked, state))
    if not rows:
        return _("None: every place was linked with confidence.")
    return format_html(
        "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
        "</thead><tbody>{}</tbody></table>",
        _("line"), _("written"), _("status"), _("linked to"), _("candidates"),
        format_html_join(
            "", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
        ),
    )  # fmt: skip


@admin.register(PlaceMention)
class PlaceMentionAdmin(admin.ModelAdmin):
    list_display = ["written", "update", "line", "status", "linked_place", "resolved_place"]
    list_filter = ["status", "dismissed"]
    search_fields = ["written"]
    list_select_related = ["update", "linked_place", "resolved_place"]
    readonly_fields = ["update", "written", "line", "status", "candidates", "linked_place", "pick"]
    fields = [*readonly_fields, "resolved_place", "dismissed"]
    autocomplete_fields = ["resolved_place"]

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("pick a candidate"))
    def pick(self, obj):
        return _candidate_buttons(obj)

    def get_urls(self):
        return [
            path(
                "<int:pk>/pick/<int:index>/",
                self.admin_site.admin_view(self.pick_view),
                name="updates_placemention_pick",
            ),
            path(
                "<int:pk>/dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="updates_placemention_dismiss",
            ),
            *super().get_urls(),
        ]

    def _mention(self, request, pk):
        if request.method != "POST":
            return None, HttpResponseNotAllowed(["POST"])
        mention = PlaceMention.objects.select_related("update").filter(pk=pk).first()
        if mention is None:
            raise Http404(_("No such mention."))
        if not self.has_change_permission(request, mention):
            raise Http404(_("No such mention."))
        return mention, None

    def _back(self, mention):
        return HttpResponseRedirect(
            reverse("admin:updates_update_change", args=[mention.update_id])
        )

    def pick_view(self, request, pk: int, index: int):
        mention, refusal = self._mention(request, pk)
        if refusal:
            return refusal
        if not 0 <= index < len(mention.candidates):
            raise Http404(_("No such candidate."))
        place = place_mention_pick(mention=mention, index=index)
        messages.success(request, _("“%(written)s” is now linked to %(place)s.") % {
            "written": mention.written, "place": place.name})  # fmt: skip
        return self._back(mention)

    def dismiss_view(self, request, pk: int):
        mention, refusal = self._mention(request, pk)
        if refusal:
            return refusal
        place_mention_dismiss(mention=mention)
        messages.success(request, _("“%(written)s” is marked as not a place.") % {
            "written": mention.written})  # fmt: skip
        return self._back(mention)
