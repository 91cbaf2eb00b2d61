"""Territories and CPV codes as tables, for joins, facets and admin.

The rows come from the files in `referential/data/` (see SOURCES.md there), loaded by a data
migration and refreshed by `clausier load-referential` when the files change.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    code = models.CharField(_("code INSEE"), max_length=2, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("région")
        verbose_name_plural = _("régions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Departement(models.Model):
    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=100)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departements")
    nuts3 = models.CharField(_("code NUTS 3"), max_length=5, unique=True)

    class Meta:
        verbose_name = _("département")
        verbose_name_plural = _("départements")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"


class CpvCode(models.Model):
    code = models.CharField(_("code"), max_length=8, primary_key=True)
    check_digit = models.CharField(_("clé"), max_length=1)
    label_fr = models.CharField(_("libellé"), max_length=400)
    label_en = models.CharField(_("libellé anglais"), max_length=400)
    division = models.CharField(_("division"), max_length=2, db_index=True)

    class Meta:
        verbose_name = _("code CPV")
        verbose_name_plural = _("codes CPV")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code}-{self.check_digit} {self.label_fr}"
