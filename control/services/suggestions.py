"""Suggested observations from imported text: stored for editors, never shown until accepted."""

from updates.hooks import ImportedSection

from ..importing.statements import find_control_statements
from ..models import ControlObservation, Origin, Review


def suggestions_store(*, sections: list[ImportedSection]) -> int:
    """
    Store a *suggested* observation for each change of control a section's text states,
    with the sentence it came from. Idempotent: an observation already on record for the
    same update, place and day (suggested, accepted or rejected) is left as it is, so an
    editor's decision survives re-imports; suggestions whose sentence left the text go.
    Returns how many were created.
    """
    wanted: dict[tuple[int, int, object], tuple] = {}
    for section in sections:
        if section.reported_on is None or not section.places:
            continue
        statements = find_control_statements(section.body, names=list(section.places))
        for statement in statements:
            place = section.places[statement.place]
            key = (section.update.pk, place.pk, section.reported_on)
            wanted.setdefault(key, (section, place, statement))
    update_ids = [section.update.pk for section in sections]
    existing = {
        (o.update_id, o.place_id, o.observed_on): o
        for o in ControlObservation.objects.filter(update_id__in=update_ids)
    }
    stale = [
        o.pk
        for key, o in existing.items()
        if key not in wanted and o.origin == Origin.TEXT and o.review == Review.SUGGESTED
    ]
    if stale:
        ControlObservation.objects.filter(pk__in=stale).delete()
    new = []
    for key, (section, place, statement) in wanted.items():
        if key in existing:
            continue
        new.append(
            (
                ControlObservation(
                    place=place,
                    update=section.update,
                    observed_on=section.reported_on,
                    status=statement.status,
                    basis=statement.basis,
                    claimed_by=statement.claimed_by,
                    review=Review.SUGGESTED,
                    origin=Origin.TEXT,
                    sentence=statement.sentence[:2000],
                ),
                section.sources,
            )
        )
    ControlObservation.objects.bulk_create([o for o, _ in new], batch_size=500)
    through = ControlObservation.sources.through
    through.objects.bulk_create(
        [
            through(controlobservation_id=o.pk, source_id=s.pk)
            for o, sources in new
            for s in sources
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return len(new)
