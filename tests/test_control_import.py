"""Importing control data: stated changes in prose, GeoJSON area layers, VIINA files."""

import io

import pytest
from django.core.management import call_command

from control.importing.statements import find_control_statements
from control.models import AreaLayer as Layer  # noqa: F401  (kept for readability below)
from control.models import ControlObservation, Review

# (sentence, names the importer found in it, expected {place: status}) — my own sentences,
# none from the seeds: positive and negative, Dutch and English.
STATEMENTS = [
    ("Russian forces captured Soledar on Friday.", ["Soledar"], {"Soledar": "russia"}),
    ("Ukrainian troops liberated Kherson and Snihurivka.", ["Kherson", "Snihurivka"],
     {"Kherson": "ukraine", "Snihurivka": "ukraine"}),
    ("The Russian MoD claimed the capture of Marinka (4).", ["Marinka"], {"Marinka": "russia"}),
    ("Ukrainian forces withdrew from Avdiivka overnight.", ["Avdiivka"], {"Avdiivka": "russia"}),
    ("Russian troops retreated from Lyman after encirclement.", ["Lyman"], {"Lyman": "ukraine"}),
    ("Wagner fighters took control of the village of Klishchiivka.", ["Klishchiivka"],
     {"Klishchiivka": "russia"}),
    ("According to DeepState, Robotyne is in Ukrainian hands.", ["Robotyne"],
     {"Robotyne": "ukraine"}),
    ("Bakhmut is now in Russian hands, the Kremlin said.", ["Bakhmut"], {"Bakhmut": "russia"}),
    ("Vuhledar was captured by Russian forces after two years.", ["Vuhledar"],
     {"Vuhledar": "russia"}),
    ("Oekraïense troepen hebben Piatykhatky heroverd.", ["Piatykhatky"],
     {"Piatykhatky": "ukraine"}),
    ("Rusland is erin geslaagd om Opytne (2) onder controle te krijgen.", ["Opytne"],
     {"Opytne": "russia"}),
    ("De Oekraïners trekken zich terug uit Vovchansk.", ["Vovchansk"], {"Vovchansk": "russia"}),
    ("Volgens de Russen is Pervomaiske door Russische troepen ingenomen.", ["Pervomaiske"],
     {"Pervomaiske": "russia"}),
    ("Het dorp Staromaiorske is in Oekraïense handen.", ["Staromaiorske"],
     {"Staromaiorske": "ukraine"}),
    # Reference points, not objects.
    ("Russian forces captured villages south of Kupiansk.", ["Kupiansk"], {}),
    ("Ukrainian troops withdrew from positions near Pokrovsk.", ["Pokrovsk"], {}),
    ("Ten noorden van Toretsk zijn twee dorpen heroverd door Rusland.", ["Toretsk"], {}),
    ("De Russen hebben dorpen bij Kurakhove veroverd.", ["Kurakhove"], {}),
    ("Russian troops took Chasiv Yar's eastern district.", ["Chasiv Yar"], {}),
    ("Fighting continues near Siversk, where Russian forces captured two trenches.",
     ["Siversk"], {}),
    # Not a change: attempts, negation, hypotheticals, adjectives, no actor.
    ("Russian forces failed to capture Vuhledar again.", ["Vuhledar"], {}),
    ("Russian forces have not captured Kramatorsk.", ["Kramatorsk"], {}),
    ("Rusland probeert om Siversk onder controle te krijgen.", ["Siversk"], {}),
    ("Residents of liberated Izium returned home, Ukrainian officials said.", ["Izium"], {}),
    ("The troops retreated from Kyiv to Belarus.", ["Kyiv"], {}),
    ("Shelling hit the Russian-occupied Melitopol airfield.", ["Melitopol"], {}),
]  # fmt: skip


@pytest.mark.parametrize(("sentence", "names", "expected"), STATEMENTS)
def test_stated_changes_of_control(sentence, names, expected):
    found = {s.place: s.status for s in find_control_statements(sentence, names=names)}
    assert found == expected


def test_the_basis_is_assessed_for_analysts_and_claimed_for_a_side():
    (isw,) = find_control_statements(
        "ISW assessed that Russian forces captured Krynky.", names=["Krynky"]
    )
    assert (isw.basis, isw.claimed_by) == ("assessed", "ISW")
    (mod,) = find_control_statements(
        "The Russian Ministry of Defence said Russian forces liberated Krynky.", names=["Krynky"]
    )
    assert (mod.basis, mod.claimed_by, mod.status) == ("claimed", "Russian MoD", "russia")
    assert mod.sentence.startswith("The Russian Ministry")


def test_the_seeds_suggest_krasna_hora_and_not_sudzha(seeded):
    suggestions = ControlObservation.objects.suggested().select_related("place", "update")
    rows = {(o.place.name, o.status, o.basis, o.observed_on.isoformat()) for o in suggestions}
    assert ("Krasna Hora", "russia", "claimed", "2023-02-13") in rows
    assert not any(name == "Sudzha" and status == "russia" for name, status, *_ in rows)
    hora = suggestions.get(place__name="Krasna Hora")
    assert "onder controle te krijgen" in hora.sentence
    assert hora.update.reported_on.isoformat() == "2023-02-13"
    assert hora.sources.exists()
    # Suggestions are not public until an editor accepts them.
    assert not ControlObservation.objects.public().exists()


def test_a_second_import_keeps_suggestions_and_editors_decisions(seeded):
    hora = ControlObservation.objects.get(place__name="Krasna Hora")
    hora.review = Review.ACCEPTED
    hora.save()
    count = ControlObservation.objects.count()
    call_command("import_seeds", stdout=io.StringIO())
    assert ControlObservation.objects.count() == count
    hora.refresh_from_db()
    assert hora.review == Review.ACCEPTED
