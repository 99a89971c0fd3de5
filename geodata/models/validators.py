"""Field validators shared by the models (the database holds the same rules as CHECKs)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


def validate_lonlat(point):
    """Coordinates out of range are refused here and by a CHECK in migration 0002_database_rules."""
    if point is None:
        return
    x, y = point.x, point.y
    if not (-180 <= x <= 180 and -90 <= y <= 90):  # also false for NaN
        raise ValidationError(_("Coordinates out of range: longitude %(x)s, latitude %(y)s "
                                "(longitude -180..180, latitude -90..90).") % {"x": x, "y": y})

color_validator = RegexValidator(r"^#[0-9a-fA-F]{6}$", gettext_lazy("Enter a colour as #rrggbb, e.g. #1f77b4."))
language_validator = RegexValidator(
    r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", gettext_lazy("Enter a language code such as en, az, hy or hy-Latn.")
)
http_url_validator = URLValidator(schemes=["http", "https"], message=gettext_lazy("Enter an http:// or https:// URL."))


