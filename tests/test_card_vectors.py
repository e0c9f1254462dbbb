"""The card and directory formats and the contract are part of the repository
(docs/), and the addons test them on its vectors, unchanged."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CONTRACT = PROJECT / "docs" / "card-vectors.json"
# Where the contract is kept beside the project on the team's machines: the
# repository's copy follows it.
SHARED = PROJECT.parent / "shared" / "docs" / "card-vectors.json"
COPY = PROJECT / "passkoop_membership" / "static" / "tests" / "card_vectors.json"


def test_the_addons_copy_of_the_card_vectors_is_the_contracts():
    # Missing vectors fail the test: a skip would pass CI with nothing compared.
    for path in (CONTRACT, COPY):
        assert path.is_file(), f"the card vectors are missing: no {path}"
    assert (
        COPY.read_bytes() == CONTRACT.read_bytes()
    ), f"copy docs/card-vectors.json to {COPY.relative_to(PROJECT)}"


def test_the_repositorys_contract_is_the_teams():
    """Beside the team's shared documents (not in a bare clone), the same."""
    if SHARED.is_file():
        assert (
            CONTRACT.read_bytes() == SHARED.read_bytes()
        ), "copy ../shared/docs/card-vectors.json and card-format.md to docs/"
        for document in ("card-format.md", "design.md"):
            assert (PROJECT / "docs" / document).read_bytes() == (
                SHARED.with_name(document).read_bytes()
            ), f"copy ../shared/docs/{document} to docs/"
