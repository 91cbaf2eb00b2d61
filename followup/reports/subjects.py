"""What a bilan is about: a contract, an operation, a buyer or a territory, found by the
reference a user or a script gives, then narrowed to what its reader may see (`access.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Organisation
from followup.models import Commitment, Contract, Operation
from followup.reports.enums import Scope
from referential.siret import normalise_siret
from referential.territories import departements, normalise_departement


@dataclass(frozen=True)
class Subject:
    """What a bilan covers: whole contracts, plus commitments seen only as their company.

    A company reads the bilan of its own commitments, not of its co-contractors', so a contract
    it holds with others enters through `company_commitments` only.
    """

    scope: Scope
    key: str
    title: str
    contracts: QuerySet
    company_commitments: QuerySet = field(default_factory=Commitment.objects.none)
    contract: Contract | None = None

    def commitments(self) -> QuerySet:
        return Commitment.objects.filter(
            Q(contract__in=self.contracts.values("pk")) | Q(pk__in=self.company_commitments.values("pk"))
        )

    def narrowed(self, *, contracts: QuerySet, company_commitments: QuerySet) -> Subject:
        return Subject(
            scope=self.scope,
            key=self.key,
            title=self.title,
            contracts=contracts,
            company_commitments=company_commitments,
            contract=self.contract,
        )


def find_subject(scope: Scope, ref: str) -> Subject:
    """The whole subject named `ref`: a contract reference, an operation id or reference, a
    buyer organisation id or SIRET, a département code. Raises `LookupError` when unknown."""
    ref = str(ref).strip()
    if scope == Scope.CONTRACT:
        contract = Contract.objects.select_related("buyer", "facilitator").filter(reference=ref).first()
        if contract is None:
            raise LookupError(_("Aucun contrat suivi de référence %(ref)s.") % {"ref": ref})
        return Subject(
            scope,
            contract.reference,
            str(contract),
            Contract.objects.filter(pk=contract.pk),
            contract=contract,
        )
    if scope == Scope.OPERATION:
        lookup = Q(reference=ref) | (Q(pk=int(ref)) if ref.isdigit() else Q())
        operation = Operation.objects.filter(lookup).first()
        if operation is None:
            raise LookupError(_("Aucune opération %(ref)s.") % {"ref": ref})
        return Subject(
            scope, operation.reference, operation.name, Contract.objects.filter(operation=operation)
        )
    if scope == Scope.BUYER:
        siret = normalise_siret(ref)
        lookup = Q(siret=siret) if siret and len(siret) == 14 else Q(pk=int(ref)) if ref.isdigit() else None
        buyer = Organisation.objects.filter(lookup).first() if lookup is not None else None
        if buyer is None:
            raise LookupError(_("Aucun acheteur %(ref)s.") % {"ref": ref})
        return Subject(scope, str(buyer.pk), buyer.name, Contract.objects.filter(buyer=buyer))
    code = normalise_departement(ref)
    if code is None:
        raise LookupError(_("Aucun département %(ref)s.") % {"ref": ref})
    title = f"{code} — {departements()[code].name}"
    return Subject(scope, code, title, Contract.objects.filter(departement=code))
