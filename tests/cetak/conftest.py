import pytest


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """ZIPs go to a temporary MEDIA_ROOT."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
