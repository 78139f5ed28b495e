"""The ranker's handling of words (``homelab_gateway.ranker``, ``homelab_gateway.lexicon``) on
the real catalogue: every installed server, writes on, with the servers' vocabularies.

The labelled requests measure quality (bench/tool_search.py, test_tool_search_quality.py); these
pin the mechanisms: German and French inflections, typos, stop words, fields.
"""

from __future__ import annotations

import asyncio
import tempfile

import pytest

from bench.tool_search import catalogue
from homelab_gateway.lexicon import asks, term
from homelab_gateway.ranker import ToolIndex


@pytest.fixture(scope="module")
def index() -> ToolIndex:
    with tempfile.TemporaryDirectory() as tmp:
        tools, servers = asyncio.run(catalogue(tmp))
    return ToolIndex(tools, servers)


def test_german_and_french_inflections_find_the_vocabulary_word(index: ToolIndex) -> None:
    # The vocabulary says "festplatten" and "sauvegardes"; people also say the singular.
    assert index.query_terms("Festplatte") == [term("festplatten")]
    assert index.search("Festplatte", 1) == ["truenas_list_disks"]
    assert index.query_terms("sauvegarde") == [term("sauvegardes")]
    assert set(index.search("sauvegarde", 2)) == {"ha_list_backups", "ha_create_backup"}


def test_typos_are_corrected_to_the_closest_word_and_short_words_are_left_alone(
    index: ToolIndex,
) -> None:
    # A swap is one edit ("lihgt"), as are a missing or an extra letter.
    assert index.query_terms("kichen lihgt plexx") == ["kitchen", "light", "plex"]
    assert index.query_terms("temprature of the bedrom") == [term("temperature"), "bedroom"]
    assert index.query_terms("zz") == ["zz"]
    # Stop words never count; question words do ("when did" is about the past).
    assert index.query_terms("the of a") == []
    assert index.query_terms("when") == [term("when")]


def test_a_name_word_outweighs_the_same_word_in_a_description(index: ToolIndex) -> None:
    # "scrub" names start_scrub and appears in list_pools' and list_jobs' descriptions.
    assert index.search("scrub", 1) == ["truenas_start_scrub"]


def test_a_word_naming_an_app_names_its_server_only_when_no_other_server_says_it(
    index: ToolIndex,
) -> None:
    assert index.named("is the nas ok, and k8s?") == ["truenas", "infra"]
    assert index.named("restart sonarr") == ["arr"]
    # "server" names Plex (Plex Media Server) and TrueNAS (storage server); "home" is also in
    # Plex's home_stats: neither names a server on its own.
    assert index.named("which server") == []
    assert index.named("home") == []


def test_naming_an_app_ranks_its_tools_first(index: ToolIndex) -> None:
    # "history" alone is a tie between five servers' history tools.
    assert index.search("plex history", 1) == ["plex_history"]
    assert index.search("sonarr history", 1) == ["arr_history"]
    assert "ha_get_history" in index.search("home assistant history", 3)


def test_a_request_for_two_servers_gets_a_tool_of_each_in_the_top_three(
    index: ToolIndex,
) -> None:
    found = index.search("pause the sabnzbd downloads and stop plex playback", 3)
    assert {"arr_pause_downloads", "plex_control_playback"} <= set(found)
    found = index.search("delete the minio bucket and the truenas snapshot", 3)
    assert {"infra_remove_bucket", "truenas_delete_snapshot"} <= set(found)
    # One server's request keeps its three best.
    assert all(t.startswith("truenas_") for t in index.search("scrub the pool", 3))


@pytest.mark.parametrize(
    ("request_text", "question"),
    [
        ("is the bathroom light on", True),
        ("which pools are degraded", True),
        ("did the backup run last night", True),
        ("the nas is full?", True),
        ("ist das Licht im Flur an", True),
        ("welche Filme fehlen noch", True),
        ("est-ce que la porte est fermée", True),
        ("le disque est-il plein", True),
        ("¿está encendida la luz?", True),
        ("cuántas películas hay", True),
        ("turn the bathroom light on", False),
        ("can you turn the fan off?", False),
        ("please restart the jellyfin pod", False),
        ("show me the pools", False),
        ("mach das Licht aus", False),
        ("apaga la luz", False),
    ],
)
def test_questions_are_told_from_commands_in_four_languages(
    request_text: str, question: bool
) -> None:
    assert asks(request_text) is question


def test_a_question_favours_read_tools_and_a_command_action_tools(index: ToolIndex) -> None:
    # Same words, read or act: the tools' readOnlyHint decides which side gains.
    asked = index.search("is the bathroom light on", 3)
    assert {"ha_get_entity", "ha_search_entities"} & set(asked), asked
    assert "ha_turn_on" not in asked, asked
    assert index.search("turn the bathroom light on", 1) == ["ha_turn_on"]
    # An opening action verb (the first word of an action tool's name) orders.
    assert index._intent("restart the jellyfin deployment") is False
    assert index._intent("show me the pools") is None
    assert index._intent("are the pools healthy") is True
    # A misspelt interrogative still asks; a known word close to one ("show") does not.
    assert index._intent("wich disks are hot") is True
    assert index._intent("show the disks") is None


def test_each_part_of_a_compound_request_gets_its_best_tool(index: ToolIndex) -> None:
    request = "restart the jellyfin deployment and show me its logs"
    assert index._parts(request) == ["restart the jellyfin deployment", "show me its logs"]
    found = index.search(request, 3)
    assert found[:2] == ["infra_restart_rollout", "infra_pod_logs"], found
    # A part made of an app's name only is no request of its own.
    assert len(index._parts("did the backups run on truenas and home assistant")) == 1
    assert len(index._parts("turn off the lights and the tv")) == 1
    assert len(index._parts("when was the pool scrubbed and how big is it")) == 1
