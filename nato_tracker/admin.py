"""The user admin, for Admins who are not superusers: no way up.

Django's stock UserAdmin lets anyone with `auth.change_user` tick "superuser status" or
give any group and permission, their own account included. Here a member of staff who
is not a superuser:

- does not see superusers at all (list, change, delete, history and password pages
  answer as for a user that does not exist);
- may only look at a user holding a permission they do not hold themselves, not change
  it, set its password or delete it;
- sees "superuser status" read-only, and may give only the groups and permissions
  within their own: a group is offered when every permission of it is one of theirs.

Superusers keep the stock admin.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _


def permissions_of(user) -> QuerySet[Permission]:
    """Every permission the user holds, their own and their groups'."""
    return Permission.objects.filter(Q(user=user) | Q(group__user=user)).distinct()


def groups_within(user) -> QuerySet[Group]:
    """The groups whose every permission the user holds."""
    return Group.objects.exclude(
        permissions__in=Permission.objects.exclude(pk__in=permissions_of(user).values("pk"))
    )


def above(target, user) -> bool:
    """Whether the target holds more than the (non-superuser) user may give."""
    if target.is_superuser:
        return True
    return permissions_of(target).exclude(pk__in=permissions_of(user).values("pk")).exists()


admin.site.unregister(User)


@admin.register(User)
class GuardedUserAdmin(UserAdmin):
    def get_queryset(self, request):
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        return users.filter(is_superuser=False)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields.append("is_superuser")
        return fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            if db_field.name == "groups":
                kwargs["queryset"] = groups_within(request.user)
            elif db_field.name == "user_permissions":
                kwargs["queryset"] = permissions_of(request.user).select_related("content_type")
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def _within(self, request, obj) -> bool:
        return obj is None or request.user.is_superuser or not above(obj, request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._within(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._within(request, obj)

    def delete_queryset(self, request, queryset):
        if not request.user.is_superuser and any(above(user, request.user) for user in queryset):
            raise PermissionDenied(_("Some of these users hold more than you may give."))
        super().delete_queryset(request, queryset)
