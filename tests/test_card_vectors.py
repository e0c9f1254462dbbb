"""The addons test the card formats on the vectors of the shared contract, unchanged."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared" / "docs" / "card-vectors.json"
COPY = PROJECT / "passkoop_membership" / "static" / "tests" / "card_vectors.json"


def test_the_addons_copy_of_the_card_vectors_is_the_contracts():
    # The vectors are part of the repository's contract: missing, they fail the
    # test (a skip would pass CI with nothing compared).
    assert SHARED.is_file(), (
        f"the contract's card vectors are missing: no {SHARED} "
        "(../shared/docs/card-vectors.json beside the project's root)"
    )
    assert COPY.is_file(), (
        f"the addons' card vectors are missing: no {COPY}; copy "
        "../shared/docs/card-vectors.json to " + str(COPY.relative_to(PROJECT))
    )
    assert COPY.read_bytes() == SHARED.read_bytes(), (
        "copy ../shared/docs/card-vectors.json to " + str(COPY.relative_to(PROJECT))
    )
