"""Build the Teams app package (a zip of manifest.json, color.png, outline.png) and validate the
manifest against Microsoft's official JSON schema, offline.

The schema comes from the npm package ``@microsoft/app-manifest`` (``npm ci`` at the repo root puts
it in ``node_modules``). :func:`schema_path` looks for
``node_modules/@microsoft/app-manifest/build/json-schemas/teams/v<manifestVersion>/
MicrosoftTeams.schema.json`` under, in order: ``$CLERK_MANIFEST_SCHEMA_DIR``, the repository root
and the current directory. ``$CLERK_MANIFEST_SCHEMA_DIR`` may also name the ``teams`` folder (with
``v1.NN`` folders in it) or the folder holding ``MicrosoftTeams.schema.json`` itself.

Validation never touches the network: every ``$ref`` resolves inside the schema, against the
other schema files beside it, or is reported as an error.
"""

from __future__ import annotations

import json
import os
import re
import uuid
import warnings
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator, Draft7Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT4

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent
TEMPLATE = HERE / "manifest.json"
ICONS = ("color.png", "outline.png")
SCHEMA_FILE = "MicrosoftTeams.schema.json"
PACKAGE_SCHEMAS = Path("node_modules/@microsoft/app-manifest/build/json-schemas/teams")
SCHEMA_DIR_ENV = "CLERK_MANIFEST_SCHEMA_DIR"
SCHEMA_URL = "https://developer.microsoft.com/en-us/json-schemas/teams/v{version}/"
PLACEHOLDERS = ("${{APP_ID}}", "${{BOT_ID}}")
# Fixed timestamp for the zip entries, so the same inputs give the same package.
ZIP_DATE = (2024, 1, 1, 0, 0, 0)


class SchemaUnavailable(FileNotFoundError):
    """The official schema is not installed (run `npm ci` at the repository root)."""


class ManifestInvalid(ValueError):
    """The filled manifest does not match the official schema."""

    def __init__(self, errors: list[str], schema: Path) -> None:
        self.errors = errors
        self.schema = schema
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        shown = "; ".join(errors[:3]) + more
        super().__init__(f"manifest does not match {schema.parent.name} schema: {shown}")


# ids -------------------------------------------------------------------------------------
def check_guid(value: str, what: str = "app id") -> str:
    """The canonical (lowercase, hyphenated) form of a GUID; ValueError if it is not one."""
    try:
        return str(uuid.UUID(value.strip()))
    except (ValueError, AttributeError, TypeError):
        raise ValueError(
            f"{what} {value!r} is not a GUID (like 00000000-0000-0000-0000-000000000000)"
        ) from None


def template_text() -> str:
    return TEMPLATE.read_text(encoding="utf-8")


def template_version() -> str:
    return json.loads(template_text())["manifestVersion"]


def fill(app_id: str, bot_id: str | None = None) -> dict[str, Any]:
    """The template with the ids in (the bot id defaults to the app id)."""
    app_id = check_guid(app_id, "app id")
    bot_id = app_id if bot_id is None else check_guid(bot_id, "bot id")
    text = template_text().replace("${{APP_ID}}", app_id).replace("${{BOT_ID}}", bot_id)
    if "${{" in text:
        left = sorted(set(re.findall(r"\$\{\{[^}]*\}\}", text)))
        raise ValueError(f"manifest.json has unfilled placeholders: {', '.join(left)}")
    return with_commands(json.loads(text))


def with_commands(manifest: dict[str, Any]) -> dict[str, Any]:
    """The Teams command menu comes from Clerk's one registry of commands, for every scope."""
    from bot.registry import menu_entries  # the bot package, only when a manifest is built

    for bot in manifest.get("bots", []):
        bot["commandLists"] = [{"scopes": [scope], "commands": menu_entries()}
                               for scope in bot.get("scopes", [])]
    return manifest


# the official schema ---------------------------------------------------------------------
def _candidates(version: str) -> list[Path]:
    folder = f"v{version}"
    found: list[Path] = []
    env = os.environ.get(SCHEMA_DIR_ENV)
    if env:
        base = Path(env)
        found += [
            base / PACKAGE_SCHEMAS / folder / SCHEMA_FILE,
            base / folder / SCHEMA_FILE,
            base / SCHEMA_FILE,
        ]
    for base in (REPO_ROOT, Path.cwd()):
        found.append(base / PACKAGE_SCHEMAS / folder / SCHEMA_FILE)
    return found


def schema_path(version: str | None = None) -> Path | None:
    """The official schema for `version` (default: the template's manifestVersion), or None."""
    for candidate in _candidates(version or template_version()):
        if candidate.is_file():
            return candidate.resolve()
    return None


def _pattern(validator, pattern, instance, schema):
    """`pattern`, for the schemas' JavaScript regexes too (see :func:`_python_regex`)."""
    compiled = _compile(pattern)
    if compiled and validator.is_type(instance, "string") and not compiled.search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@lru_cache(maxsize=256)
def _compile(pattern: str) -> re.Pattern[str] | None:
    try:
        return re.compile(pattern)
    except re.error:
        pass
    try:
        return re.compile(_python_regex(pattern))
    except re.error:  # a JavaScript-only construct we do not translate: not checked here
        return None


LETTER = r"[^\W\d_]"  # Unicode letters, i.e. JavaScript's \p{L}


def _python_regex(pattern: str) -> str:
    r"""Translate JavaScript's \p{L} (which Python's re lacks), in and out of [...] classes."""
    result, i = [], 0
    while i < len(pattern):
        if pattern.startswith(r"\p{L}", i):
            result.append(LETTER)
            i += 5
        elif pattern[i] == "\\":
            result.append(pattern[i : i + 2])
            i += 2
        elif pattern[i] == "[" and not pattern.startswith("[^", i):
            end, j = None, i + 1
            while j < len(pattern):
                if pattern[j] == "\\":
                    j += 2
                    continue
                if pattern[j] == "]":
                    end = j
                    break
                j += 1
            if end is None:
                result.append(pattern[i:])
                break
            body = pattern[i + 1 : end]
            if r"\p{L}" in body:
                rest = body.replace(r"\p{L}", "")
                result.append(f"(?:{LETTER}|[{rest}])" if rest else LETTER)
            else:
                result.append(pattern[i : end + 1])
            i = end + 1
        else:
            result.append(pattern[i])
            i += 1
    return "".join(result)


# Microsoft validates with ajv-draft-04, which also applies `const` and `if`/`then`/`else`
# (the v1.2x schemas use them); a plain Draft4Validator would silently skip those keywords.
OfficialValidator = validators.extend(
    Draft4Validator,
    {
        "const": Draft7Validator.VALIDATORS["const"],
        "if": Draft7Validator.VALIDATORS["if"],
        "pattern": _pattern,
    },
)


def _offline(uri: str) -> Resource:
    raise NoSuchResource(ref=uri)


@lru_cache(maxsize=8)
def _load(path: Path) -> tuple[dict[str, Any], Registry]:
    """The schema and a registry of the schema files beside it, under their local and public URIs.

    The registry never retrieves anything: a $ref to anything else is unresolvable.
    """
    schema = json.loads(path.read_text(encoding="utf-8-sig"))
    public = SCHEMA_URL.format(version=path.parent.name.removeprefix("v"))
    registry: Registry = Registry(retrieve=_offline)
    for sibling in sorted(path.parent.glob("*.json")):
        contents = json.loads(sibling.read_text(encoding="utf-8-sig"))
        resource = Resource.from_contents(contents, default_specification=DRAFT4)
        registry = registry.with_resources(
            [(sibling.resolve().as_uri(), resource), (public + sibling.name, resource)]
        )
    # Give the schema its public URI as base (draft-04 `id`), so relative $refs to the files
    # beside it resolve from the registry.
    return {"id": public + path.name, **schema}, registry.crawl()


def _where(error: ValidationError) -> str:
    return "/".join(str(part) for part in error.absolute_path) or "(root)"


def validate(manifest: dict[str, Any], schema: Path | None = None) -> list[str]:
    """Errors of `manifest` against the official schema of its manifestVersion ([] if valid).

    Raises SchemaUnavailable if the schema is not installed.
    """
    version = manifest.get("manifestVersion") if isinstance(manifest, dict) else None
    path = schema or schema_path(version if isinstance(version, str) else None)
    if path is None:
        raise SchemaUnavailable(
            f"the Teams manifest schema v{version or template_version()} is not installed: "
            f"run `npm ci` at {REPO_ROOT} or set {SCHEMA_DIR_ENV}"
        )
    contents, registry = _load(Path(path).resolve())
    validator = OfficialValidator(
        contents, registry=registry, format_checker=OfficialValidator.FORMAT_CHECKER
    )
    try:
        errors = sorted(validator.iter_errors(manifest), key=lambda e: list(map(str, e.path)))
    except Unresolvable as error:
        return [f"(schema) cannot resolve {error} offline"]
    return [f"{_where(error)}: {_short(error.message)}" for error in errors]


def _short(message: str, limit: int = 200) -> str:
    return message if len(message) <= limit else message[: limit - 1] + "…"


# the package -----------------------------------------------------------------------------
def build_package(app_id: str, out: Path, bot_id: str | None = None) -> Path:
    """Write the Teams app package to `out` and return its path.

    The ids must be GUIDs (ValueError otherwise); the bot id (the Azure bot's Microsoft App Id)
    defaults to the app id. The manifest is validated against the official schema when it is
    installed (ManifestInvalid, a ValueError, if it does not match); nothing is written unless
    everything is valid.
    """
    manifest = fill(app_id, bot_id)
    schema = schema_path(manifest["manifestVersion"])
    if schema is None:
        warnings.warn(
            f"manifest not schema-checked: the Teams manifest schema "
            f"v{manifest['manifestVersion']} is not installed (run `npm ci`)",
            stacklevel=2,
        )
    elif errors := validate(manifest, schema):
        raise ManifestInvalid(errors, schema)

    out = Path(out)
    if out.is_dir():
        raise ValueError(f"{out} is a folder; give the zip file's path, e.g. {out / 'clerk.zip'}")
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as package:
            body = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
            _add(package, "manifest.json", body.encode("utf-8"))
            for icon in ICONS:
                _add(package, icon, (HERE / icon).read_bytes())
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return out


def _add(package: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    package.writestr(info, data)
