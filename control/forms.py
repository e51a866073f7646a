"""The area-layer upload form: the file is validated before anything is stored."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .importing.geojson_layer import LayerError, parse_geojson_layer
from .models import AreaKind, AreaLayer
from .services.areas import area_layer_max_bytes


class AreaLayerForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("GeoJSON file"),
        required=False,
        help_text=_(
            "A FeatureCollection, Feature, Polygon or MultiPolygon in WGS 84 (EPSG:4326). "
            "Kind and date may come from its properties (kind, date)."
        ),
    )

    class Meta:
        model = AreaLayer
        fields = ["kind", "valid_on", "name", "source", "geometry"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cleaned_geometry = None
        for name in ("kind", "valid_on", "geometry"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("upload")
        pasted = cleaned.get("geometry")
        data = None
        if upload is not None:
            limit = area_layer_max_bytes()
            if upload.size > limit:
                raise forms.ValidationError(
                    _("The file is %(size)s bytes; area layers may be at most %(limit)s bytes."),
                    params={"size": f"{upload.size:,}", "limit": f"{limit:,}"},
                )
            data = upload.read()
        elif pasted:
            data = pasted.encode()
        elif self.instance.pk is None:
            raise forms.ValidationError(_("Upload a GeoJSON file (or paste its text)."))
        if data is not None:
            try:
                self.cleaned_geometry = parse_geojson_layer(data, max_bytes=area_layer_max_bytes())
            except LayerError as exc:
                raise forms.ValidationError(
                    _("The GeoJSON was refused: %(reason)s"), params={"reason": exc.message}
                ) from exc
            self._properties_fill(cleaned)
            cleaned["geometry"] = self.cleaned_geometry.geojson
        for name in ("kind", "valid_on"):
            if name in self.errors:
                continue
            if not cleaned.get(name):
                self.add_error(name, _("Required (or give it in the file's properties)."))
            else:
                setattr(self.instance, name, cleaned[name])
        return cleaned

    def _properties_fill(self, cleaned: dict) -> None:
        """The day and kind the editor left empty, from the file's properties."""
        try:
            if not cleaned.get("valid_on") and "valid_on" not in self.errors:
                cleaned["valid_on"] = self.cleaned_geometry.property_date()
            kind = "" if cleaned.get("kind") else self.cleaned_geometry.property_kind()
        except LayerError as exc:
            raise forms.ValidationError(
                _("The GeoJSON was refused: %(reason)s"), params={"reason": exc.message}
            ) from exc
        if kind in AreaKind.values:
            cleaned["kind"] = kind
        elif kind and "kind" not in self.errors:
            self.add_error(
                "kind",
                _("The file's kind “%(kind)s” is not one of: %(kinds)s.")
                % {"kind": kind[:60], "kinds": ", ".join(AreaKind.values)},
            )
