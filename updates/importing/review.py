"""Uncertain place mentions: stored by the import, settled by an editor in one click."""

from django.db import transaction
from django.db.models import Max

from ..models import PlaceMention, UpdatePlace
from .gazetteer import PlaceCandidate, vars_of
from .resolve import ResolvedPlace, UncertainMention


def candidate_data(candidate: PlaceCandidate) -> dict:
    data = vars_of(candidate)
    data["aliases"] = list(candidate.aliases[:40])
    return data


def candidate_from_data(data: dict) -> PlaceCandidate:
    fields = PlaceCandidate.__dataclass_fields__
    values = {k: v for k, v in data.items() if k in fields}
    values["aliases"] = tuple(values.get("aliases", ()))
    return PlaceCandidate(**values)


def place_mentions_build(*, update, uncertain: list[UncertainMention], places: dict) -> list:
    """Unsaved PlaceMention rows for ``update`` (``places``: identity -> Place linked)."""
    rows = []
    for mention in uncertain:
        linked = None
        if mention.chosen is not None:
            linked = places.get(ResolvedPlace(mention.written, None, mention.chosen).identity)
        rows.append(
            PlaceMention(
                update=update,
                written=mention.written[:200],
                line=mention.line,
                status=mention.status,
                candidates=[candidate_data(c) for c in mention.candidates],
                linked_place=linked,
            )
        )
    return rows


@transaction.atomic
def place_mention_pick(*, mention: PlaceMention, index: int):
    """Link the update to candidate ``index`` of ``mention`` (replacing a low-confidence link)."""
    from .records import places_record

    if not 0 <= index < len(mention.candidates):
        raise ValueError(f"no candidate {index} for “{mention.written}”")
    candidate = candidate_from_data(mention.candidates[index])
    resolved = ResolvedPlace(mention.written, None, candidate)
    place = places_record([[resolved]])[resolved.identity]
    update = mention.update
    if mention.linked_place_id and mention.linked_place_id != place.pk:
        UpdatePlace.objects.filter(update=update, place_id=mention.linked_place_id).delete()
    if not UpdatePlace.objects.filter(update=update, place=place).exists():
        position = (update.place_links.aggregate(m=Max("position"))["m"] or 0) + 1
        UpdatePlace.objects.create(update=update, place=place, position=position)
    mention.resolved_place = place
    mention.linked_place = place
    mention.dismissed = False
    mention.save(update_fields=["resolved_place", "linked_place", "dismissed"])
    return place


@transaction.atomic
def place_mention_dismiss(*, mention: PlaceMention) -> None:
    """Not a place: remove a low-confidence link and close the mention."""
    if mention.linked_place_id:
        UpdatePlace.objects.filter(update=mention.update, place_id=mention.linked_place_id).delete()
    mention.linked_place = None
    mention.dismissed = True
    mention.save(update_fields=["linked_place", "dismissed"])
