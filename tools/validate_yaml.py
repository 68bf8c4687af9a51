"""Interim validator for hand-encoded content: python tools/validate_yaml.py MODEL FILE.yml

MODEL is one of Organisation, Result, MeasurePlan, OitDisclosures, Framework, FrameworkOverride.
Dates stay strings (as the project's loader keeps them), so 2565-10-21 is read as a Buddhist-era date.
"""
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import model  # noqa: E402


class _Loader(yaml.SafeLoader):
    pass


_Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

cls = getattr(model, sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as fh:
    data = yaml.load(fh, Loader=_Loader)
obj = cls.model_validate(data)
print("OK", sys.argv[2])
