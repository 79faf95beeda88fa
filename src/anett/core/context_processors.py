from . import roles


def role_context(request):
    return {"ROLES": roles}
