"""Every UI text exists in Finnish, Swedish and English, and every key the pages use exists."""

import re
from pathlib import Path

from familywork_app.i18n import TEXTS

ROOT = Path(__file__).resolve().parents[1] / "familywork_app"
# T["key"], t(lang, "key"), fill("key", ...), and error codes raised by the services
USED = re.compile(r'(?:T\[|t\([^,()]+, |fill\(|ServiceError\()(?:f?)"([a-z_]+\.[a-z0-9_.]+)"')


def test_every_language_has_the_same_keys_and_no_empty_text():
    fi, sv, en = (set(TEXTS[lang]) for lang in ("fi", "sv", "en"))
    assert fi - sv == set() and sv - fi == set()
    assert fi - en == set() and en - fi == set()
    assert [k for lang in TEXTS for k, v in TEXTS[lang].items() if not v.strip()] == []


def test_every_key_used_in_the_code_exists():
    used = {match for path in ROOT.rglob("*.py") for match in USED.findall(path.read_text())}
    assert len(used) > 200
    assert sorted(k for k in used if not k.endswith(".") and k not in TEXTS["fi"]) == []
