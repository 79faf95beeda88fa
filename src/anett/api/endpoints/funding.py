"""The funding programme catalogue (register roles, as the page “Förderprogramme”): the
programmes with their versions and whether the coordination offers them. No case data."""

from ninja import Router

from ..schemas import ProgrammeOut
from .common import REGISTER, require_role, responses

router = Router(tags=["Förderung"])


@router.get(
    "/funding/programmes", response=responses(list[ProgrammeOut], 403), summary="Förderprogramme"
)
def programmes(request):
    from anett.funding import services
    from anett.funding.catalogue import load_catalogue

    require_role(request, REGISTER)
    settings = services.programme_settings()
    out = []
    for pid, prog in load_catalogue().items():
        latest = prog.versions[-1]
        setting = settings.get(pid)
        out.append(
            {
                "id": pid,
                "title": services.display_title(pid, latest.title, settings),
                "file_title": latest.title,
                "description": setting.description if setting else "",
                "kinds": list(latest.kinds),
                "legal_basis": latest.legal_basis,
                "entitlement": latest.entitlement,
                "catalogue_active": prog.active,
                "offered": services.is_offered(pid, settings),
                "set_by_coordination": bool(setting and setting.active is not None),
                "sources": services.display_sources(pid, latest.sources, settings),
                "versions": [
                    {
                        "version": v.version,
                        "valid_from": v.valid_from,
                        "valid_until": v.valid_until,
                        "draft": v.draft,
                    }
                    for v in prog.versions
                ],
                "unconfirmed_rules": sum(len(v.unverified) for v in prog.versions),
            }
        )
    return out
