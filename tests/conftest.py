"""The slowest tests first: pytest-xdist hands tests out in order to its two
workers and the run ends with the last one, so a slow test handed out last
leaves the other worker idle for its whole length."""

SLOWEST_FIRST = (
    "test_demo.py",  # the demo database, then its till in a browser
    "test_saturday.py",  # on one worker (xdist_group): they share a database
    "test_install.py",  # the addons into an empty database
    "test_network.py",
    "test_with_loyalty.py",
)


def pytest_collection_modifyitems(items):
    rank = {name: n for n, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))
