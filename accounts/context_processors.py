from django.http import HttpRequest

from accounts.enums import Role
from accounts.navigation import AREAS, shortcuts_for


def navigation(request: HttpRequest) -> dict:
    """Menus for the header. The role menu costs one query, only when a page shows it."""
    user = getattr(request, "user", None)

    def role_menu():
        if user is None or not user.is_authenticated:
            return []
        roles = {Role(value) for value in user.memberships.values_list("role", flat=True)}
        return shortcuts_for(roles, is_staff=user.is_staff)

    main_menu = [
        {
            "label": item.label,
            "description": item.description,
            "url": item.url,
            "current": request.path.startswith(item.url),
        }
        for item in AREAS
    ]
    return {"main_menu": main_menu, "role_menu": role_menu}
