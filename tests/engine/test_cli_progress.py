"""The reindex progress of `python -m engine index`: a tqdm bar on a terminal, plain lines in a log."""

import io

from engine.cli import main
from engine.cli_progress import ReindexProgressBar
from engine.reindexer import ReindexProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


async def report(bar: ReindexProgressBar, *steps: tuple[str, int, int]) -> None:
    for stage, done, total in steps:
        await bar(ReindexProgress(stage, done, total))
    bar.close()


async def test_on_a_terminal_the_embedding_is_a_bar_with_its_rate():
    stream = Terminal()
    await report(ReindexProgressBar(stream), ("catalog", 0, 1), ("embedding", 0, 10),
                 ("embedding", 4, 10), ("embedding", 10, 10), ("done", 1, 1))
    drawn = stream.getvalue()
    assert "\r" in drawn and "10/10" in drawn and "text/s" in drawn


async def test_in_a_log_each_stage_is_one_line_without_carriage_returns():
    stream = io.StringIO()
    await report(ReindexProgressBar(stream), ("catalog", 0, 1), ("embedding", 0, 10),
                 ("embedding", 4, 10), ("embedding", 10, 10), ("writing", 0, 1), ("done", 1, 1))
    assert stream.getvalue().splitlines() == ["카탈로그 읽기 / reading the catalog",
                                              "임베딩 / embedding (10)",
                                              "색인 저장 / writing the snapshot"]


def test_the_index_command_logs_its_progress_without_carriage_returns(
        tmp_path, monkeypatch, mini_catalog_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("CATALOG_PATH", str(mini_catalog_path))
    assert main(["index"]) == 0
    logged = capsys.readouterr().err
    assert "임베딩 / embedding (" in logged and "\r" not in logged
