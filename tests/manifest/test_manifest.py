"""The Teams app package: template, icons, zip, schema validation and `clerk manifest`."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from manifest import build, icons
from tests.conftest import run_clerk

APP_ID = "11111111-2222-4333-8444-555555555555"
BOT_ID = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
NO_SCHEMA = (
    "the official Teams manifest schema is not installed: run `npm ci` at the repo root "
    "(node_modules/@microsoft/app-manifest)"
)


@pytest.fixture
def official_schema() -> Path:
    path = build.schema_path()
    if path is None:
        if IN_CI:
            pytest.fail(f"CI=true but {NO_SCHEMA}")
        pytest.skip(NO_SCHEMA)
    return path


# the template ------------------------------------------------------------------------------
def test_ci_never_skips_schema_validation():
    """In CI the schema must be there, so the schema tests below cannot silently skip."""
    if not IN_CI and build.schema_path() is None:
        pytest.skip(f"not in CI and {NO_SCHEMA}")
    assert build.schema_path() is not None, NO_SCHEMA


def test_template_is_on_the_newest_installed_schema(official_schema):
    versions = [p.name for p in official_schema.parent.parent.iterdir() if p.name.startswith("v1.")]
    newest = max(versions, key=lambda v: tuple(int(n) for n in v[1:].split(".")))
    template = json.loads(build.TEMPLATE.read_text(encoding="utf-8"))
    assert f"v{template['manifestVersion']}" == newest
    assert template["$schema"] == (
        f"https://developer.microsoft.com/en-us/json-schemas/teams/{newest}/MicrosoftTeams.schema.json"
    )


def test_filled_template_validates_against_the_official_schema_offline(official_schema):
    manifest = build.fill(APP_ID, BOT_ID)
    assert build.validate(manifest) == []
    assert build.validate(manifest, official_schema) == []


def test_schema_errors_are_reported(official_schema):
    manifest = build.fill(APP_ID)
    manifest["accentColor"] = "blue"
    manifest["name"]["short"] = "C" * 31
    manifest["bots"][0]["botId"] = "not-a-guid"
    del manifest["developer"]["privacyUrl"]
    errors = build.validate(manifest)
    assert any(e.startswith("accentColor:") for e in errors)
    assert any(e.startswith("name/short:") for e in errors)
    assert any(e.startswith("bots/0/botId:") for e in errors)
    assert any("privacyUrl" in e for e in errors)


def test_const_is_enforced_as_microsoft_does(official_schema):
    """The schemas use `const` (not draft-04); plain Draft4Validator would ignore it."""
    manifest = build.fill(APP_ID)
    manifest["manifestVersion"] = "1.0"
    assert build.validate(manifest, official_schema) == ["manifestVersion: '1.30' was expected"]


def test_schema_dir_from_the_environment(official_schema, monkeypatch, tmp_path):
    monkeypatch.setenv(build.SCHEMA_DIR_ENV, str(official_schema.parent.parent))
    assert build.schema_path() == official_schema
    monkeypatch.setenv(build.SCHEMA_DIR_ENV, str(official_schema.parent))
    assert build.schema_path() == official_schema


def test_schema_path_is_none_when_not_installed(monkeypatch, tmp_path):
    monkeypatch.setattr(build, "REPO_ROOT", tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv(build.SCHEMA_DIR_ENV, raising=False)
    assert build.schema_path() is None
    with pytest.raises(build.SchemaUnavailable, match="npm ci"):
        build.validate(build.fill(APP_ID))


def test_template_limits():
    template = json.loads(build.TEMPLATE.read_text(encoding="utf-8"))
    assert len(template["description"]["short"]) <= 80
    assert len(template["description"]["full"]) <= 4000
    assert template["accentColor"].upper() == icons.ACCENT.upper()
    bot = template["bots"][0]
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    assert bot["supportsFiles"] is True  # the secretariat uploads minutes in a personal chat
    lists = bot["commandLists"]
    assert sorted(s for entry in lists for s in entry["scopes"]) == sorted(bot["scopes"])
    for entry in lists:
        titles = [c["title"] for c in entry["commands"]]
        assert titles == [
            "my actions",
            "close action",
            "what's on",
            "add to forward plan",
            "last minutes",
            "next meeting",
            "help",
        ]
        # Teams' documented limits (the schema allows more): title 32, description 128.
        for command in entry["commands"]:
            assert len(command["title"]) <= 32 and 0 < len(command["description"]) <= 128
    for phrase in (
        "my actions",
        "close action",
        "what's on March agenda",
        "June forward plan",
        "last minutes",
        "next meeting",
    ):
        assert phrase in template["description"]["full"]


# the validator itself (offline, keywords beyond draft-04) --------------------------------
def _schema_dir(tmp_path: Path, schema: dict, **siblings: dict) -> Path:
    folder = tmp_path / "v9.9"
    folder.mkdir()
    for name, contents in siblings.items():
        (folder / name).write_text(json.dumps(contents))
    path = folder / build.SCHEMA_FILE
    path.write_text(json.dumps({"$schema": "http://json-schema.org/draft-04/schema#", **schema}))
    return path


def test_remote_refs_are_not_fetched(tmp_path):
    path = _schema_dir(tmp_path, {"properties": {"a": {"$ref": "https://example.com/x.json"}}})
    errors = build.validate({"a": 1}, path)  # the autouse fixture fails any network access
    assert len(errors) == 1 and "cannot resolve" in errors[0] and "example.com" in errors[0]


def test_refs_to_sibling_schema_files_resolve_locally(tmp_path):
    sibling = {"type": "string", "maxLength": 3}
    path = _schema_dir(
        tmp_path,
        {"properties": {"a": {"$ref": "Other.schema.json"}}},
        **{"Other.schema.json": sibling},
    )
    assert build.validate({"a": "abc"}, path) == []
    assert build.validate({"a": "abcd"}, path) == ["a: 'abcd' is too long"]


def test_if_then_and_javascript_patterns(tmp_path):
    path = _schema_dir(
        tmp_path,
        {
            "properties": {
                "name": {"type": "string", "pattern": "^[\\p{L}][\\p{L}0-9._]*$"},
                "auth": {
                    "if": {"properties": {"type": {"enum": ["OAuth"]}}},
                    "then": {"required": ["referenceId"]},
                },
            }
        },
    )
    assert build.validate({"name": "Général_1", "auth": {"type": "None"}}, path) == []
    errors = build.validate({"name": "1abc", "auth": {"type": "OAuth"}}, path)
    assert len(errors) == 2
    assert errors[0].startswith("auth:") and "referenceId" in errors[0]
    assert errors[1].startswith("name:")


# icons -------------------------------------------------------------------------------------
def test_icons_sizes_and_modes():
    color = Image.open(build.HERE / "color.png")
    outline = Image.open(build.HERE / "outline.png")
    assert (color.format, color.size) == ("PNG", (192, 192))
    assert (outline.format, outline.size) == ("PNG", (32, 32))
    assert outline.mode == "RGBA"


def test_outline_icon_is_white_on_transparent():
    outline = Image.open(build.HERE / "outline.png").convert("RGBA")
    pixels = list(outline.getdata())
    # every pixel is pure white, the transparent ones included: only alpha varies
    assert {(r, g, b) for r, g, b, _ in pixels} == {(255, 255, 255)}
    alphas = [a for *_, a in pixels]
    assert alphas.count(0) > len(pixels) // 3, "mostly transparent"
    assert alphas.count(255) > 40, "a visible glyph"
    # transparent corners (no background plate)
    for xy in ((0, 0), (31, 0), (0, 31), (31, 31)):
        assert outline.getpixel(xy)[3] == 0


def test_color_icon_is_full_colour():
    color = Image.open(build.HERE / "color.png").convert("RGBA")
    assert color.getpixel((96, 20)) == (*icons._hex(icons.ACCENT), 255)
    assert color.getpixel((96, 96))[3] == 255
    assert len(set(color.getdata())) > 10


def test_committed_icons_match_icons_py():
    """Regenerate with `python -m manifest.icons` after changing the design."""
    for name, draw in (("color.png", icons.color_icon), ("outline.png", icons.outline_icon)):
        committed = Image.open(build.HERE / name).convert("RGBA")
        fresh = draw()
        assert committed.size == fresh.size
        worst = max(
            abs(a - b)
            for p, q in zip(committed.getdata(), fresh.getdata(), strict=True)
            for a, b in zip(p, q, strict=True)
        )
        assert worst <= 4, f"{name} is out of date: run `python -m manifest.icons`"


# the package -------------------------------------------------------------------------------
def test_package_has_the_three_files_with_ids_filled(tmp_path):
    out = build.build_package(APP_ID, tmp_path / "pkg" / "clerk.zip", bot_id=BOT_ID)
    assert out == tmp_path / "pkg" / "clerk.zip"
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        text = package.read("manifest.json").decode("utf-8")
        assert package.read("color.png") == (build.HERE / "color.png").read_bytes()
        assert package.read("outline.png") == (build.HERE / "outline.png").read_bytes()
        Image.open(io.BytesIO(package.read("outline.png"))).verify()
    assert "${{" not in text
    manifest = json.loads(text)
    assert manifest["id"] == APP_ID
    assert manifest["bots"][0]["botId"] == BOT_ID
    assert manifest["name"]["full"] == "Clerk — board actions and forward plan"
    assert list(tmp_path.joinpath("pkg").iterdir()) == [out], "no partial files left"


def test_bot_id_defaults_to_app_id_and_ids_are_canonical(tmp_path):
    out = build.build_package("{" + APP_ID.upper() + "}", tmp_path / "clerk.zip")
    with zipfile.ZipFile(out) as package:
        manifest = json.loads(package.read("manifest.json"))
    assert manifest["id"] == manifest["bots"][0]["botId"] == APP_ID


def test_package_is_reproducible(tmp_path):
    first = build.build_package(APP_ID, tmp_path / "a.zip").read_bytes()
    assert build.build_package(APP_ID, tmp_path / "b.zip").read_bytes() == first


@pytest.mark.parametrize(
    "app_id, bot_id, which",
    [
        ("not-a-guid", None, "app id"),
        ("", None, "app id"),
        ("11111111-2222-3333-4444-55555555555", None, "app id"),  # one digit short
        (APP_ID, "bot", "bot id"),
    ],
)
def test_bad_ids_are_refused_and_nothing_is_written(tmp_path, app_id, bot_id, which):
    out = tmp_path / "clerk.zip"
    with pytest.raises(ValueError, match=f"^{which} .* is not a GUID"):
        build.build_package(app_id, out, bot_id=bot_id)
    assert list(tmp_path.iterdir()) == []


def test_invalid_manifest_is_refused_and_nothing_is_written(tmp_path, monkeypatch, official_schema):
    template = tmp_path / "manifest.json"
    broken = build.TEMPLATE.read_text(encoding="utf-8").replace("#3A4DB5", "blue")
    template.write_text(broken, encoding="utf-8")
    monkeypatch.setattr(build, "TEMPLATE", template)
    with pytest.raises(build.ManifestInvalid, match="accentColor"):
        build.build_package(APP_ID, tmp_path / "out" / "clerk.zip")
    assert not (tmp_path / "out").exists()


def test_package_without_schema_warns_but_builds(tmp_path, monkeypatch):
    monkeypatch.setattr(build, "schema_path", lambda version=None: None)
    with pytest.warns(UserWarning, match="not schema-checked"):
        out = build.build_package(APP_ID, tmp_path / "clerk.zip")
    assert out.is_file()


# `clerk manifest` --------------------------------------------------------------------------
@pytest.fixture
def clerk(capsys, monkeypatch, tmp_path):
    """Run the real `clerk` entry point in-process; returns (exit code, stdout, stderr)."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    return lambda *args: run_clerk(monkeypatch, capsys, *args)


def test_clerk_manifest_builds_the_package(clerk, tmp_path):
    code, out, err = clerk(
        "manifest", "--app-id", APP_ID, "--bot-id", BOT_ID, "--out", "build/clerk.zip"
    )
    assert code == 0, err
    assert out.strip() == "build/clerk.zip"
    with zipfile.ZipFile(tmp_path / "build" / "clerk.zip") as package:
        manifest = json.loads(package.read("manifest.json"))
    assert (manifest["id"], manifest["bots"][0]["botId"]) == (APP_ID, BOT_ID)


def test_clerk_manifest_default_out(clerk, tmp_path):
    code, out, _ = clerk("manifest", "--app-id", APP_ID)
    assert code == 0 and out.strip() == "clerk.zip" and (tmp_path / "clerk.zip").is_file()


@pytest.mark.parametrize(
    "args",
    [
        ("--app-id", "not-a-guid"),
        ("--app-id", APP_ID, "--bot-id", "12345"),
    ],
)
def test_clerk_manifest_refuses_a_bad_id(clerk, tmp_path, args):
    code, out, err = clerk("manifest", *args, "--out", "clerk.zip")
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "is not a GUID" in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_the_command_menu_comes_from_the_registry_and_every_entry_is_understood():
    from bot.registry import BY_NAME, COMMANDS
    from bot.router import route
    from manifest.build import fill

    manifest = fill("00000000-0000-0000-0000-000000000001")
    (bot,) = manifest["bots"]
    titles = [c.menu.title for c in COMMANDS if c.menu]
    for listed in bot["commandLists"]:
        assert [c["title"] for c in listed["commands"]] == titles
    for title in titles:
        assert BY_NAME[route(title).command].menu.title == title
