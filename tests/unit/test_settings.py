import re
from pathlib import Path

from data.settings import SETTINGS, get_settings

README = Path(__file__).resolve().parents[2] / "README.md"


def test_defaults_parse():
    s = get_settings({})
    assert s.suppress_threshold == 5
    assert s.debug is False
    assert s.data_dir.name == "snapshots"


def test_environment_overrides(tmp_path):
    s = get_settings({"PETA_DATA_DIR": str(tmp_path), "PETA_DEBUG": "1", "PETA_SUPPRESS_THRESHOLD": "10"})
    assert s.data_dir == tmp_path and s.debug is True and s.suppress_threshold == 10


def test_every_setting_is_documented_in_readme():
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(PETA_[A-Z_]+)` \|", text, flags=re.M))
    assert {s.env for s in SETTINGS} <= documented
