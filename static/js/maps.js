// Places on a Leaflet map. Without tiles (offline, blocked) the markers still show.
(function () {
  "use strict";
  // Fingerprinted static names (collectstatic) defeat Leaflet's guess of where its marker
  // images live, so the page hands over their real URLs.
  var script = document.currentScript;
  if (window.L && script && script.dataset.markerIcon) {
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: script.dataset.markerIcon,
      iconRetinaUrl: script.dataset.markerIcon2x,
      shadowUrl: script.dataset.markerShadow
    });
  }
  function tiles(map, element) {
    // The offline base map (basemap.js), so the map reads without a tile server.
    if (window.FrontlineBasemap && element.dataset.basemap) { window.FrontlineBasemap.draw(map, element.dataset.basemap); }
    var url = element.dataset.tiles;
    if (url) {
      L.tileLayer(url, { maxZoom: 18, attribution: element.dataset.attribution || "" }).addTo(map);
    }
  }
  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }
  // An approximate position (e.g. its hromada's centre) is a dashed ring, not a pin.
  function approximate(latlng, name) {
    return L.circleMarker(latlng, {
      radius: 9, dashArray: "4 3", weight: 2, color: "#8a5a00", fillOpacity: 0.15,
      className: "marker-approximate"
    }).bindTooltip(name + " (approximate)");
  }
  var single = document.getElementById("place-map");
  if (single && window.L) {
    var lat = parseFloat(single.dataset.lat), lon = parseFloat(single.dataset.lon);
    single.innerHTML = "";
    var map = L.map(single).setView([lat, lon], 9);
    tiles(map, single);
    if (single.dataset.precision === "approximate") {
      approximate([lat, lon], single.dataset.name).addTo(map);
    } else {
      L.marker([lat, lon], { title: single.dataset.name, alt: single.dataset.name }).addTo(map);
    }
  }
  var overview = document.getElementById("places-map");
  if (overview && window.L) {
    fetch(overview.dataset.geojson, { headers: { Accept: "application/geo+json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        overview.innerHTML = "";
        var map = L.map(overview);
        tiles(map, overview);
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            if (feature.properties.precision === "approximate") {
              return approximate(latlng, feature.properties.name);
            }
            return L.marker(latlng, { title: feature.properties.name, alt: feature.properties.name });
          },
          onEachFeature: function (feature, marker) {
            var p = feature.properties;
            marker.bindPopup('<a href="' + encodeURI(p.url) + '">' + escapeHtml(p.name) + "</a> (" + p.update_count + ")");
          }
        }).addTo(map);
        if (data.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 9, padding: [20, 20] }); }
        else { map.setView([48.5, 35], 6); }
      });
  }
})();
