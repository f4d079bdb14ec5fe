"""The ``sector`` of a mention: the role an actor-for-a-state span describes."""

from graphbuild.records import Mention


def test_mention_sector_defaults_to_none_and_is_serialised():
    named = Mention("Q159", "Russia", 0, 6, "name")
    assert named.sector is None
    assert named.to_dict("a1")["sector"] is None
    troops = Mention("Q801", "Israeli troops", 10, 24, "agent", 2, 4, sector="MIL")
    row = troops.to_dict("a1")
    assert (row["actor_id"], row["how"], row["sector"]) == ("Q801", "agent", "MIL")
