"""The ACLED actor → party mapping, editable by editors."""

from django.contrib import admin

from ..models import ActorMapping


@admin.register(ActorMapping)
class ActorMappingAdmin(admin.ModelAdmin):
    list_display = ["actor", "party"]
    search_fields = ["actor", "party__name"]
    autocomplete_fields = ["party"]
