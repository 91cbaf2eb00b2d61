"""URLs of the follow-up area (/suivi/). Names are stable: reports, menus and e-mails use them.

- followup:index                       home (facilitator: contracts + shortfall watch; company: balances)
- followup:operation_create            new operation
- followup:contract_create             new contract
- followup:contract (pk)               contract page: commitments, balances, hours by modality
- followup:commitment_create (pk)      add a company to contract pk
- followup:jobsheet_create (pk)        add a job sheet to contract pk
- followup:jobsheet (pk)                job sheet as shared with prescribers (+ candidates for facilitators)
- followup:referral_create (pk)        position a participant on job sheet pk
- followup:transfer_create (pk)        pool hours from contract pk's commitments
- followup:participants                participants (facilitators only)
- followup:participant_create          new participant
- followup:participant (pk)            participant record (audited read)
- followup:eligibility_create (pk)     add an eligibility to participant pk
- followup:placement_create (pk)       place participant pk on a commitment
- followup:outcome_create (pk)         outcome of placement pk
- followup:hours_create (pk)           hours of placement pk (facilitator)
- followup:declaration_open            company: choose contract and month
- followup:declaration (pk)            declaration page (company fills, facilitator reviews)
- followup:declaration_submit (pk), followup:declaration_review (pk), followup:proof_upload (pk)
- followup:import                      spreadsheet import (preview then commit)
- followup:import_template (extension) template download, "csv" or "xlsx"
- followup:reports:*                   reports (bilans), in followup/reports/urls.py
"""

from django.urls import include, path

from followup.views import contracts, home, hours, people

app_name = "followup"

urlpatterns = [
    path("", home.index, name="index"),
    path("operations/nouvelle/", contracts.operation_create, name="operation_create"),
    path("contrats/nouveau/", contracts.contract_create, name="contract_create"),
    path("contrats/<int:pk>/", contracts.contract_detail, name="contract"),
    path("contrats/<int:pk>/entreprises/", contracts.commitment_create, name="commitment_create"),
    path("contrats/<int:pk>/fiches-de-poste/", contracts.jobsheet_create, name="jobsheet_create"),
    path("fiches-de-poste/<int:pk>/", contracts.jobsheet_detail, name="jobsheet"),
    path("fiches-de-poste/<int:pk>/positionner/", contracts.referral_create, name="referral_create"),
    path("contrats/<int:pk>/mutualisation/", contracts.transfer_create, name="transfer_create"),
    path("participants/", people.participant_list, name="participants"),
    path("participants/nouveau/", people.participant_create, name="participant_create"),
    path("participants/<int:pk>/", people.participant_detail, name="participant"),
    path("participants/<int:pk>/eligibilite/", people.eligibility_create, name="eligibility_create"),
    path("participants/<int:pk>/mise-en-emploi/", people.placement_create, name="placement_create"),
    path("mises-en-emploi/<int:pk>/sortie/", people.outcome_create, name="outcome_create"),
    path("mises-en-emploi/<int:pk>/heures/", hours.hours_create, name="hours_create"),
    path("declarations/nouvelle/", hours.declaration_open, name="declaration_open"),
    path("declarations/<int:pk>/", hours.declaration_detail, name="declaration"),
    path("declarations/<int:pk>/transmettre/", hours.declaration_submit, name="declaration_submit"),
    path("declarations/<int:pk>/examen/", hours.declaration_review, name="declaration_review"),
    path("declarations/<int:pk>/justificatifs/", hours.proof_upload, name="proof_upload"),
    path("import/", hours.import_hours, name="import"),
    path("import/modele.<str:extension>", hours.import_template, name="import_template"),
    path("bilans/", include("followup.reports.urls")),
]
