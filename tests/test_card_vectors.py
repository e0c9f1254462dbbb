"""The addons test the card formats on the vectors of the shared contract, unchanged."""

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
SHARED = PROJECT.parent / "shared" / "docs" / "card-vectors.json"
COPY = PROJECT / "passkoop_membership" / "static" / "tests" / "card_vectors.json"


@pytest.mark.skipif(not SHARED.exists(), reason=f"no {SHARED} beside the project")
def test_the_addons_copy_of_the_card_vectors_is_the_contracts():
    assert COPY.read_bytes() == SHARED.read_bytes(), (
        "copy ../shared/docs/card-vectors.json to " + str(COPY.relative_to(PROJECT))
    )
