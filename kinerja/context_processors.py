from kinerja.selectors.pemda import pemda_info


def pemda(request):
    pemda_id = getattr(request, "pemda_id", None)
    if not pemda_id:
        return {"pemda": None}
    return {"pemda": pemda_info(pemda_id)}
