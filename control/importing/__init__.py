"""
Importers for control data, each a pure parser from bytes to dataclasses
(``geojson_layer``, ``viina_csv``, ``statements``); ``readers`` plugs them into the
``updates`` importer through its registry; only ``control.services`` writes.
"""
