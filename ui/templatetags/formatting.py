from django import template

from ui import formatting

register = template.Library()

register.filter("euros", formatting.format_euros)
register.filter("hours", formatting.format_hours)
register.filter("percent", formatting.format_percent)
register.filter("frdate", formatting.format_date)
