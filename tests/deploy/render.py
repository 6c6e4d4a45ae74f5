"""Renders deploy/helm/samvirke without helm, for CI where helm cannot be installed.

It understands only the subset of Helm's template language the chart uses — `{{ .Values.a.b }}`,
`.Release.Name`, `.Chart.AppVersion`, `include "name" .`, `toYaml`, the `quote`, `nindent` and
`indent` filters, `if` / `if not` / `else` / `end`, `define` in `_helpers.tpl`, comments, and the
`{{-` / `-}}` whitespace trimming — and fails on anything else, so the chart cannot drift into
what CI does not render. A missing value is an error here (helm would render it empty).

    python tests/deploy/render.py            checks deploy/kubernetes/ is the chart's rendering
                                             with its default values
    python tests/deploy/render.py --write    writes deploy/kubernetes/ from the chart
"""

import json
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "deploy" / "helm" / "samvirke"
PLAIN = ROOT / "deploy" / "kubernetes"
RELEASE = "samvirke"
HEADER = (
    "# Generated from deploy/helm/samvirke (its default values, release name `samvirke`) by\n"
    "# tests/deploy/render.py --write; edit the chart, not this file.\n"
)

ACTION = re.compile(r"\{\{(-\s)?(.*?)(\s-)?\}\}", re.DOTALL)


class TemplateError(Exception):
    pass


def tokenize(text):
    """Text and actions, with `{{-` and `-}}` trimming applied to the neighbouring text."""
    tokens = []
    pos = 0
    for match in ACTION.finditer(text):
        tokens.append(["text", text[pos : match.start()]])
        if match.group(1) and tokens[-1][0] == "text":
            tokens[-1][1] = tokens[-1][1].rstrip()
        tokens.append(["action", match.group(2).strip(), bool(match.group(3))])
        pos = match.end()
    tokens.append(["text", text[pos:]])
    for i, token in enumerate(tokens):
        if token[0] == "action" and token[2] and i + 1 < len(tokens):
            tokens[i + 1][1] = tokens[i + 1][1].lstrip()
    return [(t[0], t[1]) for t in tokens if not (t[0] == "text" and t[1] == "")]


def parse(tokens, defines, stop=None):
    """A tree of nodes up to one of `stop` (None: the end of the file); `define` blocks go into
    `defines`."""
    nodes = []
    while tokens:
        kind, body = tokens.pop(0)
        if kind == "text":
            nodes.append(("text", body))
        elif body.startswith("/*"):
            continue
        elif stop and body in stop:
            return nodes, body
        elif body in ("end", "else"):
            raise TemplateError(f"`{body}` without `if` or `define`")
        elif body.startswith("define "):
            name = json.loads(body[len("define ") :])
            defines[name], _ = parse(tokens, defines, stop=("end",))
        elif body.startswith("if "):
            then, ended = parse(tokens, defines, stop=("end", "else"))
            otherwise = []
            if ended == "else":
                otherwise, _ = parse(tokens, defines, stop=("end",))
            nodes.append(("if", body[len("if ") :], then, otherwise))
        else:
            nodes.append(("output", body))
    if stop:
        raise TemplateError("an `if` or `define` has no `end`")
    return nodes, None


def lookup(path, context):
    value = context
    for part in path.lstrip(".").split("."):
        if not isinstance(value, dict) or part not in value:
            raise TemplateError(f"no value at {path}")
        value = value[part]
    return value


def scalar(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        raise TemplateError(f"a map or list printed as text: {value!r} (use toYaml)")
    return str(value)


def to_yaml(value):
    if value == {}:
        return "{}"
    return yaml.safe_dump(value, default_flow_style=False, sort_keys=True, width=1000).rstrip("\n")


def evaluate(expression, context, defines):
    """One pipeline: a first command, then filters."""
    stages = [s.strip() for s in expression.split("|")]
    words = stages[0].split()
    if words[0] == "include" and len(words) == 3 and words[2] == ".":
        name = json.loads(words[1])
        if name not in defines:
            raise TemplateError(f"no template named {name}")
        value = render_nodes(defines[name], context, defines)
    elif words[0] == "toYaml" and len(words) == 2:
        value = to_yaml(lookup(words[1], context))
    elif len(words) == 1 and words[0].startswith("."):
        value = lookup(words[0], context)
    else:
        raise TemplateError(f"not understood: {{{{ {expression} }}}}")
    for stage in stages[1:]:
        words = stage.split()
        if words == ["quote"]:
            value = json.dumps(scalar(value), ensure_ascii=False)
        elif words[0] in ("nindent", "indent") and len(words) == 2:
            pad = " " * int(words[1])
            text = "\n".join(pad + line if line else line for line in scalar(value).split("\n"))
            value = ("\n" + text) if words[0] == "nindent" else text
        else:
            raise TemplateError(f"filter not understood: {stage}")
    return scalar(value)


def truthy(condition, context, defines):
    negate = condition.startswith("not ")
    if negate:
        condition = condition[len("not ") :]
    value = lookup(condition.strip(), context)
    return bool(value) != negate


def render_nodes(nodes, context, defines):
    out = []
    for node in nodes:
        if node[0] == "text":
            out.append(node[1])
        elif node[0] == "output":
            out.append(evaluate(node[1], context, defines))
        elif node[0] == "if":
            branch = node[2] if truthy(node[1], context, defines) else node[3]
            out.append(render_nodes(branch, context, defines))
    return "".join(out)


def default_values():
    return yaml.safe_load((CHART / "values.yaml").read_text())


def merged(base, change):
    out = dict(base)
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def render(values=None):
    """{template file name: rendered text} for the chart's manifests; empty ones left out."""
    chart = yaml.safe_load((CHART / "Chart.yaml").read_text())
    context = {
        "Values": default_values() if values is None else values,
        "Release": {"Name": RELEASE, "Service": "Helm"},
        "Chart": {"Name": chart["name"], "Version": chart["version"], "AppVersion": chart["appVersion"]},
    }
    defines = {}
    templates = sorted((CHART / "templates").glob("*"))
    for path in templates:
        if path.name.startswith("_"):
            parse(tokenize(path.read_text()), defines)
    rendered = {}
    for path in templates:
        if path.name.startswith("_") or path.suffix != ".yaml":
            continue
        try:
            nodes, _ = parse(tokenize(path.read_text()), defines)
            text = render_nodes(nodes, context, defines).strip()
        except TemplateError as e:
            raise TemplateError(f"{path.relative_to(ROOT)}: {e}") from None
        if text:
            rendered[path.name] = f"{HEADER}{text}\n"
    return rendered


def main():
    rendered = render()
    if sys.argv[1:] == ["--write"]:
        PLAIN.mkdir(exist_ok=True)
        for stale in PLAIN.glob("*.yaml"):
            if stale.name not in rendered:
                stale.unlink()
        for name, text in rendered.items():
            (PLAIN / name).write_text(text)
        print(f"wrote {len(rendered)} manifests to {PLAIN.relative_to(ROOT)}")
        return 0
    problems = []
    for name, text in rendered.items():
        path = PLAIN / name
        if not path.exists() or path.read_text() != text:
            problems.append(f"{path.relative_to(ROOT)} differs from the chart's rendering")
    for path in PLAIN.glob("*.yaml"):
        if path.name not in rendered:
            problems.append(f"{path.relative_to(ROOT)} is no template of the chart")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("run: python tests/deploy/render.py --write", file=sys.stderr)
        return 1
    print(f"deploy/kubernetes/ is the chart's rendering ({len(rendered)} manifests)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
