// The map for a date: an offline Natural Earth base map (the site's own static file),
// optional tiles, the area layers in force and the places coloured by control status.
// All of the day's data comes from one JSON request (data-data).
(function () {
  "use strict";
  var element = document.getElementById("control-map");
  if (!element || !window.L || !window.FrontlineBasemap) { return; }
  var labels = JSON.parse(document.getElementById("control-map-labels").textContent);
  var STATUS_COLOURS = { ukraine: "#1f5fa8", russia: "#b3261e", contested: "#c98a00", unknown: "#6b6b6b" };
  var AREA_COLOURS = { occupied: "#b3261e", assessed_advance: "#d9731a", claimed: "#7b3fa0", contested: "#6b6b6b", liberated: "#1f5fa8" };
  var UKRAINE = [[44.3, 22.1], [52.4, 40.3]];

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }
  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  // The view (zoom/lat/lon) lives in the address's fragment, so that a permalink, the
  // day/week links and the browser's history keep what the reader was looking at.
  function viewFromHash() {
    var parts = window.location.hash.slice(1).split("/").map(parseFloat);
    if (parts.length === 3 && parts.every(isFinite)) { return parts; }
    return null;
  }
  function keepView() {
    var centre = map.getCenter();
    var hash = "#" + map.getZoom() + "/" + centre.lat.toFixed(3) + "/" + centre.lng.toFixed(3);
    window.history.replaceState(null, "", hash);
    document.querySelectorAll("a[data-keep-view]").forEach(function (link) {
      link.href = link.href.split("#")[0] + hash;
    });
  }
  var initialView = viewFromHash();

  element.innerHTML = "";
  var map = L.map(element, { minZoom: 5, maxZoom: 13, maxBounds: [[40, 14], [57, 48]], zoomSnap: 0.5 });
  if (initialView) { map.setView([initialView[1], initialView[2]], initialView[0]); }
  else { map.fitBounds(UKRAINE); }
  map.on("moveend", keepView);
  map.createPane("areas").style.zIndex = 350;
  if (element.dataset.tiles) {
    L.tileLayer(element.dataset.tiles, { maxZoom: 18, attribution: element.dataset.attribution || "" }).addTo(map);
  }

  function drawDay(data) {
    data.layers.forEach(function (layer) {
      var colour = AREA_COLOURS[layer.kind] || "#444";
      L.geoJSON(layer.geometry, {
        pane: "areas",
        style: { color: colour, weight: 1, fillColor: colour, fillOpacity: 0.22, dashArray: layer.kind === "claimed" ? "4 3" : null }
      }).bindTooltip(escapeHtml(layer.label) + " · " + escapeHtml(labels.valid_on) + " " + escapeHtml(layer.valid_on))
        .addTo(map);
    });
    var points = L.geoJSON(data.places, {
      pointToLayer: function (feature, latlng) {
        var p = feature.properties;
        var colour = STATUS_COLOURS[p.status] || STATUS_COLOURS.unknown;
        var claimed = p.basis === "claimed";
        return L.circleMarker(latlng, {
          radius: 7, color: claimed ? colour : (p.basis === "confirmed" ? "#111" : "#fff"),
          weight: claimed ? 3 : 1.5, fillColor: colour, fillOpacity: claimed ? 0.08 : 0.95,
          className: "place-marker status-" + p.status + " basis-" + p.basis
        });
      },
      onEachFeature: function (feature, marker) {
        var p = feature.properties;
        marker.bindPopup(
          '<a href="' + encodeURI(p.url) + '">' + escapeHtml(p.name) + "</a><br>" +
          escapeHtml(labels.status[p.status] || p.status) + " · " + escapeHtml(labels.basis[p.basis] || p.basis) +
          "<br>" + escapeHtml(labels.observed_on) + " " + escapeHtml(p.observed_on)
        );
        marker.bindTooltip(escapeHtml(p.name));
      }
    }).addTo(map);
    element.dataset.places = String(data.places.features.length);
    element.dataset.layers = String(data.layers.length);
    if (data.places.features.length && !initialView) {
      // Close enough to tell villages apart, never so close that the front loses its context.
      map.fitBounds(points.getBounds(), { maxZoom: 7, padding: [30, 30], animate: false });
    }
  }

  window.FrontlineBasemap.draw(map, element.dataset.basemap).then(function () {
    element.dataset.basemapReady = "true";
  }).catch(function () { element.dataset.basemapReady = "failed"; });
  getJSON(element.dataset.data).then(drawDay).then(function () {
    element.dataset.ready = "true";
  }).catch(function () { element.dataset.ready = "failed"; });
})();
