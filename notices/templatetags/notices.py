from django import template

from detection.enums import Category
from ui.formatting import group_thousands

register = template.Library()


@register.filter
def category_label(value: str) -> str:
    """The French label of a social consideration category value ("execution_condition")."""
    try:
        return Category(value).label
    except ValueError:
        return value


@register.filter
def count(value: int) -> str:
    """12345 -> "12 345" (no-break space, as every figure in Clausier)."""
    return group_thousands(value)
