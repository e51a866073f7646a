// The offline base map (static/basemap/ukraine-region.json, Natural Earth): land by
// country, country and oblast borders, rivers, lakes and city labels, drawn by Leaflet
// from the site's own static files. FrontlineBasemap.draw(map, url) returns a promise.
(function () {
  "use strict";
  var STYLES = {
    country: { color: "#5f6670", weight: 1.4, fill: false },
    lake: { color: "#7fb0d6", weight: 0.6, fill: true, fillColor: "#cfe3f0", fillOpacity: 1 },
    river: { color: "#5d9bcf", weight: 1.6, fill: false },
    admin1: { color: "#a8adb5", weight: 0.7, dashArray: "3 3", fill: false }
  };

  function escapeHtml(text) {
    var div = document.createElement("div");
    div.textContent = text == null ? "" : String(text);
    return div.innerHTML;
  }

  function panes(map) {
    if (map.getPane("land")) { return; }
    // Land fills sit under the tile pane (200): tiles that load cover them, tiles that do
    // not (offline, blocked) leave a readable map. Borders and rivers are drawn over tiles.
    map.createPane("land").style.zIndex = 150;
    map.createPane("basemap").style.zIndex = 250;
    map.createPane("labels").style.zIndex = 450;
    map.getPane("labels").style.pointerEvents = "none";
    map.getContainer().classList.add("has-basemap");
  }

  function drawData(map, data) {
    panes(map);
    L.geoJSON(data, {
      filter: function (f) { return f.properties.layer === "country"; },
      style: function (f) {
        return { pane: "land", className: "basemap-land", stroke: false, fillOpacity: 1,
                 fillColor: f.properties.name === "Ukraine" ? "#fbfaf6" : "#e8e6e0" };
      },
      interactive: false
    }).addTo(map);
    L.geoJSON(data, {
      filter: function (f) { return f.properties.layer !== "city"; },
      style: function (f) {
        var layer = STYLES[f.properties.layer] ? f.properties.layer : "admin1";
        return L.extend({ pane: "basemap", className: "basemap-" + layer }, STYLES[layer]);
      },
      interactive: false
    }).addTo(map);
    var cities = { 1: L.layerGroup(), 2: L.layerGroup(), 3: L.layerGroup() };
    data.features.forEach(function (f) {
      if (f.properties.layer !== "city") { return; }
      var c = f.geometry.coordinates;
      L.circleMarker([c[1], c[0]], { pane: "labels", radius: 2.5, color: "#333", weight: 1, fillColor: "#333", fillOpacity: 1, interactive: false })
        .bindTooltip(escapeHtml(f.properties.name), { permanent: true, direction: "right", className: "city-label city-rank-" + f.properties.rank, offset: [3, 0], pane: "labels" })
        .addTo(cities[f.properties.rank] || cities[3]);
    });
    // Big cities always; the others only when zoomed in far enough to have room.
    function showCities() {
      var zoom = map.getZoom();
      [1, 2, 3].forEach(function (rank) {
        var visible = rank === 1 || (rank === 2 && zoom >= 7) || (rank === 3 && zoom >= 8);
        if (visible) { cities[rank].addTo(map); } else { cities[rank].remove(); }
      });
    }
    showCities();
    map.on("zoomend", showCities);
  }

  window.FrontlineBasemap = {
    draw: function (map, url) {
      panes(map);
      return fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(url + ": " + response.status); }
          return response.json();
        })
        .then(function (data) { drawData(map, data); });
    }
  };
})();
