"""The deploy manifests' checks (scripts/test's "deploy manifests" phase), offline:

- deploy/compose.yaml, with the variables of deploy/.env.example substituted as Compose does,
  against the Compose Specification's JSON schema (as vendored by check-jsonschema);
- deploy/haproxy/haproxy.cfg with `haproxy -c`, on a throwaway self-signed certificate;
- deploy/helm/samvirke/values.yaml against the chart's values.schema.json (and that the schema
  refuses a misspelt key);
- that deploy/kubernetes/ is the chart rendered with its default values (tests/deploy/render.py),
  and those manifests — plus the chart rendered with its switches turned the other way — against
  the Kubernetes schemas of the oldest and newest supported versions (kubernetes-validate);
- `helm lint` and `helm template` (compared with deploy/kubernetes/) only where helm is on PATH.

Run with the venv of tests/deploy/requirements.txt: python tests/deploy/check.py
"""

import importlib.resources
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import render  # noqa: E402

ROOT = render.ROOT
DEPLOY = ROOT / "deploy"
# The chart's kubeVersion floor (preStop `sleep` needs 1.30) and what kubernetes-validate knows.
KUBERNETES_VERSIONS = ["1.30.0", "1.37.0"]

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
    return ok


def env_file(path):
    """KEY=VALUE lines as Compose reads a .env file (comments, blank lines, optional quotes)."""
    values = {}
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key.strip()] = value
    return values


VARIABLE = re.compile(r"\$(?:\$|\{(\w+)(?:(:?[-?])([^}]*))?\}|(\w+))")


def interpolate(text, env):
    """Compose's variable substitution: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`,
    `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`."""

    def substitute(match):
        if match.group(0) == "$$":
            return "$"
        name = match.group(1) or match.group(4)
        operator, argument = match.group(2), match.group(3)
        value = env.get(name)
        if operator in (":-", "-"):
            if value is None or (operator == ":-" and value == ""):
                return argument
            return value
        check(value not in (None, ""), f"compose.yaml: ${{{name}}} is not set by deploy/.env.example")
        return value or ""

    return VARIABLE.sub(substitute, text)


def check_compose():
    schema_text = (
        importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    ).read_text()
    schema = json.loads(schema_text)
    env = env_file(DEPLOY / ".env.example")
    document = yaml.safe_load(interpolate((DEPLOY / "compose.yaml").read_text(), env))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    for error in errors:
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        check(False, f"compose.yaml: {where}: {error.message}")
    services = document.get("services", {})
    for name in ["postgres", "meilisearch", "minio", "smtp", "migrate", "http", "worker", "proxy"]:
        check(name in services, f"compose.yaml: no {name} service")
    for name in ["migrate", "http", "worker"]:
        service = services.get(name, {})
        check(service.get("read_only") is True, f"compose.yaml: {name} is not read_only")
        check(service.get("user") == "10001:10001", f"compose.yaml: {name} is not uid 10001")
        check(service.get("command") == [name], f"compose.yaml: {name} does not run `samvirke {name}`")
    for name in ["http", "worker"]:
        replicas = services.get(name, {}).get("deploy", {}).get("replicas", 1)
        check(replicas >= 2, f"compose.yaml: {name} has {replicas} replica(s), not 2")
    if not errors:
        print(f"compose.yaml: valid against the Compose Specification ({len(services)} services)")


def check_haproxy():
    haproxy = shutil.which("haproxy")
    if not check(haproxy is not None, "haproxy is not installed (scripts/test installs it)"):
        return
    with tempfile.TemporaryDirectory() as tmp:
        certs = Path(tmp) / "certs"
        certs.mkdir()
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=samvirke.test", "-keyout", f"{tmp}/key.pem", "-out", f"{tmp}/cert.pem"],
            check=True, capture_output=True,
        )
        pem = (Path(tmp) / "cert.pem").read_text() + (Path(tmp) / "key.pem").read_text()
        (certs / "samvirke.pem").write_text(pem)
        config = (DEPLOY / "haproxy" / "haproxy.cfg").read_text()
        check("/usr/local/etc/haproxy/certs/" in config, "haproxy.cfg: the certificate folder moved")
        config_path = Path(tmp) / "haproxy.cfg"
        config_path.write_text(config.replace("/usr/local/etc/haproxy/certs/", f"{certs}/"))
        result = subprocess.run([haproxy, "-c", "-f", str(config_path)], capture_output=True, text=True)
        if check(result.returncode == 0, f"haproxy.cfg: haproxy -c failed:\n{result.stdout}{result.stderr}"):
            print("haproxy.cfg: haproxy -c accepts it")


def check_values():
    schema = json.loads((render.CHART / "values.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    values = render.default_values()
    for error in validator.iter_errors(values):
        where = "/".join(str(p) for p in error.absolute_path) or "(top)"
        check(False, f"values.yaml: {where}: {error.message}")
    misspelt = render.merged(values, {"http": {"replica": 3}})
    check(not validator.is_valid(misspelt), "values.schema.json accepts a misspelt key (http.replica)")
    for variant in variants().values():
        check(validator.is_valid(variant), "values.schema.json refuses a variant the check renders")
    print("values.yaml: valid against values.schema.json, which refuses unknown keys")


def variants():
    """The chart's switches turned away from their defaults."""
    values = render.default_values()
    return {
        "no-autoscaling-own-secret-no-ingress": render.merged(
            values,
            {"http": {"autoscaling": {"enabled": False}}, "secret": {"create": False},
             "ingress": {"enabled": False}},
        ),
    }


def kubernetes_validate(paths, label):
    for version in KUBERNETES_VERSIONS:
        result = subprocess.run(
            [str(Path(sys.executable).parent / "kubernetes-validate"), "--strict", "--quiet",
             "-k", version, *map(str, paths)],
            capture_output=True, text=True,
        )
        check(result.returncode == 0,
              f"{label}: invalid for Kubernetes {version}:\n{result.stdout}{result.stderr}")


def check_kubernetes():
    if render.main() != 0:
        check(False, "deploy/kubernetes/ is not the chart's rendering")
    plain = sorted(render.PLAIN.glob("*.yaml"))
    kubernetes_validate(plain, "deploy/kubernetes")
    with tempfile.TemporaryDirectory() as tmp:
        for name, values in variants().items():
            rendered = render.render(values)
            folder = Path(tmp) / name
            folder.mkdir()
            for file, text in rendered.items():
                (folder / file).write_text(text)
            check("secret.yaml" not in rendered and "ingress.yaml" not in rendered
                  and "http-hpa.yaml" not in rendered, f"{name}: a switched-off object rendered")
            deployment = yaml.safe_load(rendered["http-deployment.yaml"])
            check(deployment["spec"].get("replicas") == values["http"]["replicas"],
                  f"{name}: the http Deployment has no replica count without the autoscaler")
            kubernetes_validate(sorted(folder.glob("*.yaml")), f"the chart rendered {name}")
    print(f"deploy/kubernetes: {len(plain)} manifests valid for Kubernetes "
          f"{' and '.join(KUBERNETES_VERSIONS)}; the chart's other switches render valid too")


def check_helm():
    helm = shutil.which("helm")
    if helm is None:
        print("helm is not on PATH: helm lint and helm template skipped (render.py rendered the chart)")
        return
    chart = str(render.CHART)
    result = subprocess.run([helm, "lint", "--strict", chart], capture_output=True, text=True)
    check(result.returncode == 0, f"helm lint failed:\n{result.stdout}{result.stderr}")
    result = subprocess.run([helm, "template", render.RELEASE, chart], capture_output=True, text=True)
    if not check(result.returncode == 0, f"helm template failed:\n{result.stdout}{result.stderr}"):
        return
    by_helm = sorted(json.dumps(d, sort_keys=True) for d in yaml.safe_load_all(result.stdout) if d)
    plain = sorted(
        json.dumps(d, sort_keys=True)
        for path in render.PLAIN.glob("*.yaml")
        for d in yaml.safe_load_all(path.read_text())
        if d
    )
    check(by_helm == plain, "helm template renders other objects than deploy/kubernetes/")
    print("helm lint and helm template agree with deploy/kubernetes/")


def main():
    for step in [check_compose, check_haproxy, check_values, check_kubernetes, check_helm]:
        step()
    for failure in failures:
        print(f"FAILED {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
