import pytest

from engine.settings import EmbeddingBackend, SettingsError, load_settings


@pytest.fixture(autouse=True)
def no_dotenv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def test_seed_names_select_the_hf_api(monkeypatch):
    monkeypatch.setenv("USE_HF_API", "true")
    monkeypatch.setenv("HF_TOKEN", "hf_secret_value")
    monkeypatch.setenv("HF_MODEL_ID", "owner/model")
    settings = load_settings()
    assert settings.embedding_backend is EmbeddingBackend.HF_API
    assert settings.hf_model_id == "owner/model"
    assert "hf_secret_value" not in repr(settings)
    assert settings.hf_token.get_secret_value() == "hf_secret_value"


def test_default_backend_is_embedded_e5():
    assert load_settings().embedding_backend is EmbeddingBackend.E5


def test_local_model_selects_sentence_transformers(monkeypatch):
    monkeypatch.setenv("LOCAL_MODEL", "models/fine_tuned/roberta_semantic_final")
    assert load_settings().embedding_backend is EmbeddingBackend.LOCAL


def test_admin_ids_are_comma_separated_numbers(monkeypatch):
    monkeypatch.setenv("ADMIN_IDS", "12, 34 ,56")
    assert load_settings().admin_ids == (12, 34, 56)


def test_bad_value_fails_and_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEFAULT_TOP_N", "many")
    with pytest.raises(SettingsError, match="DEFAULT_TOP_N"):
        load_settings()


def test_non_numeric_admin_id_is_refused(monkeypatch):
    monkeypatch.setenv("ADMIN_IDS", "12,@boss")
    with pytest.raises(SettingsError, match="ADMIN_IDS"):
        load_settings()


def test_dotenv_file_is_read(tmp_path):
    (tmp_path / ".env").write_text("HF_MODEL_ID=from/dotenv\n", encoding="utf-8")
    assert load_settings().hf_model_id == "from/dotenv"


def test_catalog_must_be_jsonl_or_csv(monkeypatch):
    monkeypatch.setenv("CATALOG_PATH", "/etc/passwd")
    with pytest.raises(SettingsError, match="CATALOG_PATH"):
        load_settings()


def test_index_dir_cannot_be_the_filesystem_root_or_a_file(monkeypatch, tmp_path):
    monkeypatch.setenv("INDEX_DIR", "/")
    with pytest.raises(SettingsError, match="INDEX_DIR"):
        load_settings()
    a_file = tmp_path / "file.txt"
    a_file.write_text("x")
    monkeypatch.setenv("INDEX_DIR", str(a_file))
    with pytest.raises(SettingsError, match="INDEX_DIR"):
        load_settings()


def test_env_example_parses_and_holds_no_real_token():
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / ".env.example"
    values = dict(line.split("=", 1) for line in example.read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith("#"))
    settings = load_settings(**{k.lower(): v for k, v in values.items() if v})
    assert settings.embedding_backend.value == "e5"
    assert "replace" in values["TELEGRAM_BOT_TOKEN"] and "your" in values["HF_TOKEN"]
