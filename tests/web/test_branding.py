"""The gemeente's name and logo are configuration: header and slip show them, a bad setting falls back."""
from pathlib import Path

from tests.conftest import settings_for
from triage import create_app

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _app(app, **settings):
    return create_app(settings_for(Path(app.instance_path), **settings))


def test_the_header_shows_the_default_logo_named_after_the_town(app):
    page = _app(app, TOWN_NAME="Zonnebeke").test_client().get("/login").get_data(as_text=True)
    assert '<img class="brand-logo" src="/static/logo.svg" alt="Zonnebeke"' in page
    assert "/static/logo.svg" in _app(app).test_client().get("/logo").headers["Location"]


def test_a_logo_in_the_instance_folder_is_served_without_scripts(app, tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "wapen.png").write_bytes(PNG)
    branded = create_app(settings_for(instance, DATABASE_URL=app.config["DATABASE_URL"], TOWN_LOGO="wapen.png"))
    client = branded.test_client()
    assert 'src="/logo" alt="Dijlegem"' in client.get("/login").get_data(as_text=True)
    response = client.get("/logo")
    assert response.status_code == 200 and response.mimetype == "image/png" and response.data == PNG
    assert "sandbox" in response.headers["Content-Security-Policy"]


def test_a_logo_setting_outside_the_allowed_places_falls_back_to_the_default(app):
    for value in ("../secret_key", "secret_key", "static/../triage.css", "missing.png", "/etc/passwd.png"):
        branded = _app(app, TOWN_LOGO=value)
        assert branded.config["TOWN_LOGO"] == ""
        assert branded.test_client().get("/logo").status_code == 302
