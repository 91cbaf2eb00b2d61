from django.contrib import admin

from followup.models import (
    Commitment,
    Contract,
    Declaration,
    HoursEntry,
    Operation,
    Outcome,
    Placement,
    Transfer,
)


@admin.register(Operation)
class OperationAdmin(admin.ModelAdmin):
    list_display = ["name", "buyer", "facilitator"]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["reference", "title", "buyer", "facilitator", "notified_on", "planned_hours"]
    search_fields = ["reference", "title"]
    inlines = [CommitmentInline]


@admin.register(Declaration)
class DeclarationAdmin(admin.ModelAdmin):
    list_display = ["contract", "company", "month", "status"]
    list_filter = ["status"]


@admin.register(Transfer)
class TransferAdmin(admin.ModelAdmin):
    list_display = ["from_commitment", "to_commitment", "hours", "created_at"]


# Participants, eligibilities and their hours are personal data: they are read through the audited
# follow-up pages only, never through the admin. Placements and outcomes are shown without them.
@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    list_display = ["commitment", "modality", "contract_type", "started_on", "ended_on"]
    raw_id_fields = ["participant", "commitment", "job_sheet"]


@admin.register(HoursEntry)
class HoursEntryAdmin(admin.ModelAdmin):
    list_display = ["placement", "month", "hours", "source"]
    raw_id_fields = ["placement", "declaration"]


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["placement", "moment", "situation"]
    raw_id_fields = ["placement"]
