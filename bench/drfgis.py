"""The comparison endpoint: the same events page through a plain drf-gis serializer.

This is how the API would look written the usual DRF way (GeoFeatureModelSerializer,
nested serializers, select_related/prefetch_related to avoid N+1 queries, the same
FilterSet and page size). It exists only for `make bench` and is served only by
bench/urls.py, never by the public URLs.
"""

from django.db.models import Prefetch
from rest_framework import generics, serializers
from rest_framework_gis.pagination import GeoJsonPagination
from rest_framework_gis.serializers import GeoFeatureModelSerializer

from geodata.filtersets import EventFilterSet
from geodata.models import AlternateName, Claim, Event, Party, Place, Source
from geodata.public import public_claims, public_events


class PartyRef(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["slug", "short_name", "color"]


class ClaimantRef(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["slug", "short_name"]


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ["outlet", "title", "url", "published_on"]


class ClaimSerializer(serializers.ModelSerializer):
    claimant = serializers.CharField()
    claimant_party = ClaimantRef()
    casualties_of = ClaimantRef()
    source = SourceSerializer()
    figures = serializers.DictField()

    class Meta:
        model = Claim
        fields = ["id", "stance", "claimant", "claimant_party", "claimant_name", "claimant_role", "claimed_on",
                  "summary", "source", "figures", "figure_qualifier", "casualties_of"]


class PlaceRef(serializers.ModelSerializer):
    display_name = serializers.CharField()

    class Meta:
        model = Place
        fields = ["slug", "display_name"]


class EventSerializer(GeoFeatureModelSerializer):
    place = PlaceRef()
    perpetrator = PartyRef()
    target = PartyRef()
    verification = serializers.CharField()
    claims = ClaimSerializer(many=True)

    class Meta:
        model = Event
        geo_field = "point"
        fields = ["id", "date", "time_precision", "event_type", "sub_event_type", "geo_precision", "place",
                  "perpetrator", "target", "civilian_targeting", "description", "verification", "claims"]


class Pagination(GeoJsonPagination):
    page_size = 100
    max_page_size = 1000


class DrfGisEvents(generics.ListAPIView):
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    pagination_class = Pagination
    authentication_classes = []

    def get_queryset(self):
        return (
            public_events()
            .with_verification(claims=public_claims())
            .select_related("place", "perpetrator", "target")
            .prefetch_related(
                Prefetch("place__alternate_names", queryset=AlternateName.objects.all()),
                Prefetch("claims", queryset=public_claims().select_related(
                    "source", "claimant_party", "casualties_of")),
            )
            .order_by("-date", "-id")
        )
