"""👍/👎 under each result, kept with the query and snapshot; /stats sums up what shoppers ask,
what finds nothing or only weak matches, and the 👎 rate, in Korean and escaped."""

from bot.state import beside_state
from tests.bot.harness import ADMIN, MINJI


async def vote(client, message: dict, text: str) -> dict:
    pressed = await client.press(MINJI, MINJI.id, message["message_id"], button_text=text)
    return await client.callback_answer(pressed["callback_query_id"])


async def test_each_result_has_its_own_votes_and_a_vote_is_thanked(app, client):
    reply = await client.ask(MINJI, "크림")
    texts = [b["text"] for row in reply["reply_markup"]["inline_keyboard"] for b in row]
    assert [t for t in texts if t[0] in "👍👎"] == ["👍 1", "👎 1", "👍 2", "👎 2", "👍 3", "👎 3"]
    answer = await vote(client, reply, "👎 2")
    assert answer["text"] == "2번이 맞지 않았군요. 알려 주셔서 고마워요 🙏"


async def test_a_vote_is_kept_with_the_query_the_product_and_the_snapshot(app, client, settings,
                                                                           engine):
    reply = await client.ask(MINJI, "크림")
    await vote(client, reply, "👍 1")
    lines = beside_state(settings, "feedback").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    assert '"query":"크림"' in lines[0] and '"product_id":"c1"' in lines[0]
    assert f'"snapshot_id":"{engine.snapshot_id}"' in lines[0] and str(MINJI.id) not in lines[0]


async def test_stats_show_top_queries_misses_weak_matches_and_the_down_rate(app, client):
    for query in ("수분 크림", "수분 크림", "노트북 <b>거치대</b>", "헤어 오일"):
        reply = await client.ask(MINJI, query)
    first = await client.ask(MINJI, "수분 크림")
    await vote(client, first, "👍 1")
    await vote(client, first, "👎 2")
    await vote(client, first, "👎 1")  # she changes her mind: the card's last vote counts
    stats = await client.ask(ADMIN, "/stats")
    text = stats["text"]
    assert "최근 30일 검색 5회" in text
    assert "많이 찾은 검색어: 수분 크림 (3)" in text
    assert "찾는 제품이 없던 검색어: 노트북 <b>거치대</b> (1)" in text
    assert "약하게만 맞은 검색어: 헤어 오일 (1)" in text
    assert "👍 0 · 👎 2 (👎 비율 100%)" in text
    assert "노트북 &lt;b&gt;거치대&lt;/b&gt;" in stats["versions"][0]["html"]


async def test_stored_queries_stay_out_of_the_logs(app, client, caplog):
    caplog.set_level("INFO")  # the shipped LOG_LEVEL; PTB itself prints updates at DEBUG
    reply = await client.ask(MINJI, "비밀스러운 수분 크림")
    await vote(client, reply, "👎 1")
    await client.ask(ADMIN, "/stats")
    assert "비밀스러운" not in caplog.text


async def test_engine_report_prints_what_the_bot_stored_as_a_table_and_as_csv(
        app, client, settings, capsys):
    for query in ("노트북 가방", "수분 크림", "수분 크림"):
        reply = await client.ask(MINJI, query)
    await vote(client, reply, "👎 1")
    from engine.cli import _report, build_parser

    await _report(build_parser().parse_args(["report"]), settings)
    table = capsys.readouterr().out
    assert "Searches in the last 30 days: 3" in table
    assert "수분 크림" in table and "노트북 가방" in table
    assert "votes: 0 up, 1 down (100% down)" in table
    await _report(build_parser().parse_args(["report", "--csv"]), settings)
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "section,query,count"
    assert "top,수분 크림,2" in rows and "nothing_found,노트북 가방,1" in rows
    assert "votes,down,1" in rows
