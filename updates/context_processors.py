from django.conf import settings


def site(request):
    return {
        "site_name": settings.FRONTLINE_SITE_NAME,
        "tile_url": settings.FRONTLINE_TILE_URL,
        "tile_attribution": settings.FRONTLINE_TILE_ATTRIBUTION,
    }
