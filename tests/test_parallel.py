"""The two-worker schedule (tests/parallel.py): a file's demo tests, sorted to the end of the
collection, are a scope of their own after every other test's."""

from tests.parallel import contiguous_scopes


def test_a_file_sorted_apart_is_two_scopes_in_collection_order():
    collection = [
        "tests/a.py::test_one",
        "tests/a.py::test_two",
        "tests/b.py::test_one",
        "tests/c.py::test_plain",
        # the demo tests, sorted last
        "tests/a.py::test_on_the_demo",
        "tests/d.py::test_on_the_demo",
        "tests/c.py::test_on_the_demo",
    ]
    scopes = contiguous_scopes(collection)
    assert scopes["tests/a.py::test_one"] == scopes["tests/a.py::test_two"] == "tests/a.py#1"
    assert scopes["tests/a.py::test_on_the_demo"] == "tests/a.py#2"
    assert scopes["tests/c.py::test_plain"] == "tests/c.py#1"
    assert scopes["tests/c.py::test_on_the_demo"] == "tests/c.py#2"
    order = list(dict.fromkeys(scopes[nodeid] for nodeid in collection))
    assert order == [
        "tests/a.py#1",
        "tests/b.py#1",
        "tests/c.py#1",
        "tests/a.py#2",
        "tests/d.py#1",
        "tests/c.py#2",
    ]
