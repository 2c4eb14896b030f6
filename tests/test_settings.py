import ast
from collections import Counter

from django.conf import settings


def test_each_setting_is_assigned_once():
    """A setting written twice means the first value is silently dropped."""
    tree = ast.parse((settings.BASE_DIR / "nato_tracker" / "settings.py").read_text())
    names = Counter()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        else:
            continue
        for target in targets:
            if isinstance(target, ast.Name) and target.id.isupper():
                names[target.id] += 1
    # Chosen by a branch (one value or the other): assigned once on every path.
    branches = {"CACHES", "SECURE_PROXY_SSL_HEADER", "DATABASE_ROUTERS"}
    twice = {name: count for name, count in names.items() if count > 1 and name not in branches}
    assert twice == {}
    assert names["DATA_UPLOAD_MAX_MEMORY_SIZE"] == 1
