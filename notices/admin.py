"""Read-mostly admin: notices are written by `clausier ingest`, never edited by hand."""

from django.contrib import admin

from notices.models import Award, Buyer, ImportIssue, IngestRun, Lot, Notice, SocialConsideration


class LotInline(admin.TabularInline):
    model = Lot
    extra = 0
    fields = ["lot_id", "title", "cpv_codes", "value_amount", "departements"]


class AwardInline(admin.TabularInline):
    model = Award
    extra = 0
    fields = ["contract_id", "lot_ids", "holders", "amount", "notified_on", "duration_months"]


class SocialConsiderationInline(admin.TabularInline):
    model = SocialConsideration
    extra = 0
    fields = ["category", "lot_id", "evidence_path", "evidence_text", "legal_basis", "hours", "percent"]


@admin.register(Buyer)
class BuyerAdmin(admin.ModelAdmin):
    list_display = ["name", "siret", "departement"]
    search_fields = ["name", "siret"]


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "source_id", "kind", "published_on", "departement", "has_social"]
    list_filter = ["source", "kind", "has_social"]
    search_fields = ["source_id", "title"]
    date_hierarchy = "published_on"
    raw_id_fields = ["buyer"]
    exclude = ["search_vector"]
    inlines = [LotInline, AwardInline, SocialConsiderationInline]


class ImportIssueInline(admin.TabularInline):
    model = ImportIssue
    extra = 0
    fields = ["location", "record_id", "reason", "message"]


@admin.register(IngestRun)
class IngestRunAdmin(admin.ModelAdmin):
    list_display = ["started_at", "status", "format", "inserted", "updated", "unchanged", "rejected"]
    list_filter = ["status"]
    inlines = [ImportIssueInline]


@admin.register(ImportIssue)
class ImportIssueAdmin(admin.ModelAdmin):
    list_display = ["location", "record_id", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["location", "record_id"]
